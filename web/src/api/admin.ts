import type { CloudUser } from "./account";
import { apiJson } from "./http";
import { ocs, ocsPath } from "./ocs";

const user = (id: string) => `/cloud/users/${ocsPath(id)}`;

export const listUserIds = async () => (await ocs<{ users: string[] }>("GET", "/cloud/users")).users;
export const fetchUser = (id: string) => ocs<CloudUser>("GET", user(id));

export interface NewUser {
  userid: string;
  password: string;
  displayName: string;
  email: string;
  groups: string[];
  /** "5 GB", "none", or undefined for the instance default. */
  quota?: string;
}

export function createUser(input: NewUser) {
  const { quota, ...fields } = input;
  return ocs<{ id: string }>("POST", "/cloud/users", quota ? { ...fields, quota } : fields);
}

export const setUserEnabled = (id: string, enabled: boolean) => ocs<unknown>("PUT", `${user(id)}/${enabled ? "enable" : "disable"}`);
export const deleteUser = (id: string) => ocs<unknown>("DELETE", user(id));
export const setUserGroup = (id: string, groupid: string, member: boolean) => ocs<unknown>(member ? "POST" : "DELETE", `${user(id)}/groups`, { groupid });
export const setSubadmin = (id: string, groupid: string, on: boolean) => ocs<unknown>(on ? "POST" : "DELETE", `${user(id)}/subadmins`, { groupid });

export const listGroupIds = async () => (await ocs<{ groups: string[] }>("GET", "/cloud/groups")).groups;
export const listGroupMembers = async (id: string) => (await ocs<{ users: string[] }>("GET", `/cloud/groups/${ocsPath(id)}`)).users;
export const deleteGroup = (id: string) => ocs<unknown>("DELETE", `/cloud/groups/${ocsPath(id)}`);
export const createGroup = (groupid: string, displayname: string) => ocs<unknown>("POST", "/cloud/groups", displayname ? { groupid, displayname } : { groupid });

export interface Org {
  id: string;
  name: string;
  quotaBytes: number | null;
  createdAt: number;
  members: number;
}

export const listOrgs = async () => (await apiJson<{ orgs: Org[] }>("/api/admin/orgs")).orgs;
export const createOrg = (input: { id: string; name: string; quotaBytes: number | null }) => apiJson<Org>("/api/admin/orgs", { method: "POST", json: input });
