import { apiJson } from "./http";
import { ocs } from "./ocs";

export type SpaceRole = "read" | "write" | "manage";
export const SPACE_ROLES: readonly SpaceRole[] = ["read", "write", "manage"];
export type PrincipalType = "user" | "group";

/** A space ("bureau virtuel") as /api/admin/spaces describes it; a null quota is unlimited. */
export interface Space {
  id: number;
  name: string;
  orgId: string | null;
  quotaBytes: number | null;
  usedBytes: number;
  memberCount: number;
  createdAt: number;
}

/** One of the asker's own spaces (/api/spaces): where it shows in their files, and their role. */
export interface MySpace extends Space {
  path: string;
  role: SpaceRole;
}

export interface SpaceMember {
  type: PrincipalType;
  id: string;
  displayName: string;
  role: SpaceRole;
}

const space = (id: number) => `/api/admin/spaces/${id}`;

export const listSpaces = async () => (await apiJson<{ spaces: Space[] }>("/api/admin/spaces")).spaces;
export const listMySpaces = async () => (await apiJson<{ spaces: MySpace[] }>("/api/spaces")).spaces;

export const createSpace = (input: { name: string; orgId?: string | null; quotaBytes: number | null }) =>
  apiJson<Space>("/api/admin/spaces", { method: "POST", json: input });

export const updateSpace = (id: number, changes: { name?: string; quotaBytes?: number | null }) => apiJson<Space>(space(id), { method: "PATCH", json: changes });
export const deleteSpace = (id: number) => apiJson<void>(space(id), { method: "DELETE" });

export const listMembers = async (id: number) => (await apiJson<{ members: SpaceMember[] }>(`${space(id)}/members`)).members;

/** Gives a role, or changes it; the answer is the new member list. */
export const setMember = async (id: number, type: PrincipalType, principalId: string, role: SpaceRole) =>
  (await apiJson<{ members: SpaceMember[] }>(`${space(id)}/members`, { method: "PUT", json: { type, id: principalId, role } })).members;

export const removeMember = (id: number, type: PrincipalType, principalId: string) =>
  apiJson<void>(`${space(id)}/members/${type}/${encodeURIComponent(principalId)}`, { method: "DELETE" });

export interface Principal {
  type: PrincipalType;
  id: string;
  label: string;
}

interface ShareeEntry {
  label: string;
  value: { shareType: number; shareWith: string };
}
type ShareeLists = { users: ShareeEntry[]; groups: ShareeEntry[] };

/** People or groups the asker may name, from the sharing directory (which keeps each association to its own). */
export async function searchPrincipals(type: PrincipalType, search: string): Promise<Principal[]> {
  const shareType = type === "user" ? "0" : "1";
  const query = new URLSearchParams({ search, perPage: "20", "shareType[]": shareType });
  const data = await ocs<ShareeLists & { exact: ShareeLists }>("GET", `/apps/files_sharing/api/v1/sharees?${query}`);
  const list = type === "user" ? [...data.exact.users, ...data.users] : [...data.exact.groups, ...data.groups];
  return list.map((entry) => ({ type, id: entry.value.shareWith, label: entry.label }));
}
