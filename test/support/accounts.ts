import { env, exports } from "cloudflare:workers";
import { groups } from "../../schema/core";
import { ADMIN_GROUP } from "../../workers/accounts/memberships";
import { createUser, findUser } from "../../workers/accounts/users";
import { createDb } from "../../workers/db/client";

export const STRONG_PASSWORD = "Plongée-34-Codep!";

export const db = () => createDb(env.DB);

export function basic(login: string, password: string): string {
  const bytes = new TextEncoder().encode(`${login}:${password}`);
  return `Basic ${btoa(String.fromCharCode(...bytes))}`;
}

/** Requests go through the Worker's real fetch handler, with its bindings. */
export function call(path: string, init: RequestInit & { auth?: [string, string] } = {}): Promise<Response> {
  const headers = new Headers(init.headers);
  if (init.auth) headers.set("Authorization", basic(...init.auth));
  return exports.default.fetch(new Request(`http://cumulus.test${path}`, { ...init, headers }));
}

export function ocs(path: string, init: RequestInit & { auth?: [string, string]; form?: Record<string, string | string[]> } = {}) {
  const headers = new Headers(init.headers);
  headers.set("OCS-APIREQUEST", "true");
  if (!headers.has("Accept")) headers.set("Accept", "application/json");
  let body = init.body;
  if (init.form) {
    const form = new URLSearchParams();
    for (const [key, value] of Object.entries(init.form)) {
      for (const v of Array.isArray(value) ? value : [value]) form.append(Array.isArray(value) ? `${key}[]` : key, v);
    }
    body = form;
  }
  return call(path, { ...init, headers, body });
}

/** Storage lives as long as the test file, so seeding is idempotent. */
export async function seedAdmin(id = "admin", password = STRONG_PASSWORD) {
  await db().insert(groups).values({ id: ADMIN_GROUP, displayName: "admin" }).onConflictDoNothing();
  return (await findUser(db(), id)) ?? createUser(db(), { id, password, isAdmin: true, groupIds: [ADMIN_GROUP] });
}
