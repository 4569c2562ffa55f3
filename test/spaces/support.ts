import { call, ocs } from "../support/accounts";

export type Auth = [string, string];

export interface SpaceJson {
  id: number;
  name: string;
  orgId: string | null;
  quotaBytes: number | null;
  usedBytes: number;
  memberCount: number;
}

/** A JSON request to the API with Basic auth. */
export function api(path: string, auth: Auth, method = "GET", body?: unknown) {
  return call(path, { method, auth, ...(body === undefined ? {} : { headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) }) });
}

export async function createSpace(actor: Auth, body: { name: string; orgId?: string | null; quotaBytes?: number | null }): Promise<SpaceJson> {
  const res = await api("/api/admin/spaces", actor, "POST", body);
  if (res.status !== 201) throw new Error(`space ${body.name}: ${res.status} ${await res.text()}`);
  return res.json();
}

export async function grant(actor: Auth, spaceId: number, type: "user" | "group", id: string, role: "read" | "write" | "manage") {
  const res = await api(`/api/admin/spaces/${spaceId}/members`, actor, "PUT", { type, id, role });
  if (res.status !== 200) throw new Error(`grant ${type} ${id}: ${res.status} ${await res.text()}`);
}

export function revoke(actor: Auth, spaceId: number, type: "user" | "group", id: string) {
  return api(`/api/admin/spaces/${spaceId}/members/${type}/${encodeURIComponent(id)}`, actor, "DELETE");
}

/** A WebDAV request on a user's own tree (where their spaces are mounted). */
export function files(user: Auth, method: string, path: string, init: RequestInit = {}) {
  return call(`/remote.php/dav/files/${encodeURIComponent(user[0])}${path}`, { ...init, method, auth: user });
}

const PERMISSIONS_BODY = '<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><oc:permissions/><oc:fileid/></d:prop></d:propfind>';

/** The permission letters of each entry of a Depth 1 PROPFIND, by href. */
export async function permissionsIn(user: Auth, path = "/"): Promise<Map<string, string>> {
  const res = await files(user, "PROPFIND", path, { headers: { Depth: "1" }, body: PERMISSIONS_BODY });
  const xml = await res.text();
  const found = new Map<string, string>();
  for (const match of xml.matchAll(/<d:href>([^<]+)<\/d:href>[\s\S]*?<oc:permissions>([A-Z]*)<\/oc:permissions>/g)) found.set(decodeURIComponent(match[1]!), match[2]!);
  return found;
}

export async function createGroup(admin: Auth, groupid: string, members: string[]) {
  const res = await ocs("/ocs/v2.php/cloud/groups", { method: "POST", auth: admin, form: { groupid } });
  if (res.status !== 200) throw new Error(`group ${groupid}: ${res.status}`);
  for (const user of members) {
    const added = await ocs(`/ocs/v2.php/cloud/users/${user}/groups`, { method: "POST", auth: admin, form: { groupid } });
    if (added.status !== 200) throw new Error(`group ${groupid} member ${user}: ${added.status}`);
  }
}
