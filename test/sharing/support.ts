import { call, ocs } from "../support/accounts";

export type Auth = [string, string];

const API = "/apps/files_sharing/api/v1";

export interface OcsBody<T> {
  ocs: { meta: { status: string; statuscode: number; message: string }; data: T };
}

/** The share API of OCS v2 (or v1), JSON, with form parameters. */
export function shareApi(auth: Auth, method: string, path: string, form?: Record<string, string>, version: 1 | 2 = 2) {
  return ocs(`/ocs/v${version}.php${API}${path}`, { method, auth, ...(form ? { form } : {}) });
}

export async function ocsBody<T>(res: Response): Promise<OcsBody<T>> {
  return res.clone().json<OcsBody<T>>();
}

export interface ShareJson {
  id: string;
  share_type: number;
  uid_owner: string;
  uid_file_owner: string;
  displayname_owner: string;
  permissions: number;
  path: string;
  item_type: string;
  item_source: number;
  file_target: string;
  share_with: string | null;
  share_with_displayname: string | null;
  token: string | null;
  url?: string;
  expiration: string | null;
  password: string | null;
  hide_download: number;
  attributes: string | null;
  state: number;
  can_edit: boolean;
  can_delete: boolean;
  [field: string]: unknown;
}

/** Creates a share and returns it; fails the test with the server's message otherwise. */
export async function share(auth: Auth, form: Record<string, string>): Promise<ShareJson> {
  const res = await shareApi(auth, "POST", "/shares", form);
  if (res.status !== 200) throw new Error(`share ${JSON.stringify(form)}: ${res.status} ${await res.text()}`);
  return (await ocsBody<ShareJson>(res)).ocs.data;
}

export async function listShares(auth: Auth, query = ""): Promise<ShareJson[]> {
  const res = await shareApi(auth, "GET", `/shares${query}`);
  if (res.status !== 200) throw new Error(`list ${query}: ${res.status} ${await res.text()}`);
  return (await ocsBody<ShareJson[]>(res)).ocs.data;
}

/** A WebDAV request on a user's own view; `path` is percent-encoded where needed. */
export function files(user: Auth, method: string, path: string, init: RequestInit = {}) {
  return call(`/remote.php/dav/files/${encodeURIComponent(user[0])}${path}`, { ...init, method, auth: user });
}

export async function put(user: Auth, path: string, text: string) {
  const res = await files(user, "PUT", path, { body: text });
  if (res.status !== 201 && res.status !== 204) throw new Error(`PUT ${path}: ${res.status} ${await res.text()}`);
}

export async function mkcol(user: Auth, path: string) {
  const res = await files(user, "MKCOL", path);
  if (res.status !== 201) throw new Error(`MKCOL ${path}: ${res.status} ${await res.text()}`);
}

const PROPS_BODY =
  '<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><oc:permissions/><oc:fileid/><d:getetag/><oc:share-types/></d:prop></d:propfind>';

export interface Entry {
  permissions: string;
  etag: string;
  shareTypes: number[];
}

/** A Depth 1 PROPFIND: each entry's letters, ETag and share types, by decoded href. */
export async function listing(user: Auth, path = "/"): Promise<Map<string, Entry>> {
  const res = await files(user, "PROPFIND", path, { headers: { Depth: "1" }, body: PROPS_BODY });
  if (res.status !== 207) throw new Error(`PROPFIND ${path}: ${res.status}`);
  const xml = await res.text();
  const found = new Map<string, Entry>();
  for (const block of xml.split("<d:response>").slice(1)) {
    const href = decodeURIComponent(/<d:href>([^<]+)<\/d:href>/.exec(block)![1]!);
    found.set(href, {
      permissions: /<oc:permissions>([A-Z]*)<\/oc:permissions>/.exec(block)?.[1] ?? "",
      etag: /<d:getetag>&quot;([^&]+)&quot;<\/d:getetag>/.exec(block)?.[1] ?? "",
      shareTypes: [...block.matchAll(/<oc:share-type>(\d+)<\/oc:share-type>/g)].map((m) => Number(m[1])),
    });
  }
  return found;
}

/** A node's file id, from a Depth 0 PROPFIND in the user's view. */
export async function fileId(user: Auth, path: string): Promise<number> {
  const res = await files(user, "PROPFIND", path, { headers: { Depth: "0" }, body: '<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><oc:fileid/></d:prop></d:propfind>' });
  return Number(/<oc:fileid>(\d+)<\/oc:fileid>/.exec(await res.text())![1]);
}

export { createGroup as groupWith } from "../spaces/support";

/** YYYY-MM-DD, `days` from today (UTC). */
export function day(days: number): string {
  return new Date(Date.now() + days * 86_400_000).toISOString().slice(0, 10);
}
