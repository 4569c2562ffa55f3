import type { Db } from "../db/client";
import { forbidden } from "../http/errors";
import { subadminGroupIds, userGroupIds, type User } from "./users";

/** What an account may administer: everything (instance admin) or the members of some groups (org admins). */
export interface AdminScope {
  actor: User;
  isAdmin: boolean;
  subadminOf: ReadonlySet<string>;
}

export async function adminScope(db: Db, actor: User): Promise<AdminScope> {
  return { actor, isAdmin: actor.isAdmin, subadminOf: new Set(actor.isAdmin ? [] : await subadminGroupIds(db, actor.id)) };
}

export const isAccountManager = (scope: AdminScope) => scope.isAdmin || scope.subadminOf.size > 0;

export function assertAccountManager(scope: AdminScope): void {
  if (!isAccountManager(scope)) throw forbidden("Only administrators and organisation administrators may do this");
}

export function assertInstanceAdmin(scope: AdminScope): void {
  if (!scope.isAdmin) throw forbidden("Only instance administrators may do this");
}

export function canManageGroup(scope: AdminScope, groupId: string): boolean {
  return scope.isAdmin || scope.subadminOf.has(groupId);
}

export function assertCanManageGroup(scope: AdminScope, groupId: string): void {
  if (!canManageGroup(scope, groupId)) throw forbidden(`You do not administer the group ${groupId}`);
}

/** An org admin manages the non-admin members of the groups they administer, never themselves as a target of disable or delete. */
export async function canManageUser(db: Db, scope: AdminScope, target: User): Promise<boolean> {
  if (scope.isAdmin) return true;
  if (target.isAdmin || scope.subadminOf.size === 0) return false;
  const groups = await userGroupIds(db, target.id);
  return groups.some((g) => scope.subadminOf.has(g));
}

export async function assertCanManageUser(db: Db, scope: AdminScope, target: User): Promise<void> {
  if (!(await canManageUser(db, scope, target))) throw forbidden("You do not administer this account");
}
