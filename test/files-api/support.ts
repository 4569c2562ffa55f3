import { call } from "../support/accounts";
import { lifecycleUser } from "../support/lifecycle";

/** A user of the JSON files API, with Basic auth (cookie sessions are covered by the CSRF tests). */
export function apiUser(id: string) {
  const u = lifecycleUser(id);
  const api = (path: string, init: RequestInit = {}) => call(`/api/files${path}`, { auth: u.auth, ...init });
  const json = (path: string, method: string, body: unknown) =>
    api(path, { method, headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });
  return { ...u, api, json };
}

export interface NodeJson {
  id: number;
  name: string;
  path: string;
  isFolder: boolean;
  size: number;
  mime: string;
  etag: string;
  mtime: number;
  favorite: boolean;
  permissions: string;
}
