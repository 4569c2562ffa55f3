/** Nextcloud's share permission bits, as the OCS Share API and the clients know them. */
export const READ = 1;
export const UPDATE = 2;
export const CREATE = 4;
export const DELETE = 8;
export const SHARE = 16;
export const ALL = READ | UPDATE | CREATE | DELETE | SHARE;

export type SpaceRole = "read" | "write" | "manage";
export const SPACE_ROLES: readonly SpaceRole[] = ["read", "write", "manage"];

/** A space role as permission bits: a manager may also share and grant roles. */
export function roleBits(role: string): number {
  if (role === "manage") return ALL;
  if (role === "write") return READ | UPDATE | CREATE | DELETE;
  if (role === "read") return READ;
  return 0;
}

/** Nothing can be created inside a file. */
export function bitsFor(isFolder: boolean, bits: number): number {
  return isFolder ? bits & ALL : bits & (READ | UPDATE | DELETE | SHARE);
}

/** A share of a single file grants no create or delete (Nextcloud drops them): it can only be read, changed, reshared. */
export function shareBitsFor(isFolder: boolean, bits: number): number {
  return isFolder ? bits & ALL : bits & (READ | UPDATE | SHARE);
}

export const has = (bits: number, wanted: number) => (bits & wanted) === wanted;
