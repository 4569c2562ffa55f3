import { and, eq } from "drizzle-orm";
import { groupMembers, groups, subadmins, users } from "../../schema/core";
import type { Db } from "../db/client";
import { badRequest, forbidden } from "../http/errors";
import { findUser, type User } from "./users";

/** An account belongs to one org at most: the org of the groups it is put in. */
export async function orgOfGroups(db: Db, groupIds: string[]): Promise<string | null> {
  const orgIds = new Set<string>();
  for (const id of groupIds) {
    const group = await db.query.groups.findFirst({ where: eq(groups.id, id) });
    if (group?.orgId) orgIds.add(group.orgId);
  }
  if (orgIds.size > 1) throw badRequest("The groups belong to different organisations");
  return [...orgIds][0] ?? null;
}

/** Appointing an org admin also puts them in the org, so that they see what they administer. */
export async function setSubadmin(db: Db, userId: string, groupId: string, on: boolean): Promise<void> {
  if (!on) {
    await db.delete(subadmins).where(and(eq(subadmins.groupId, groupId), eq(subadmins.userId, userId)));
    return;
  }
  if (groupId === ADMIN_GROUP) throw forbidden("Administrators are not sub-admins; add the account to the admin group instead");
  const orgId = await orgOfGroups(db, [groupId]);
  const user = await findUser(db, userId);
  if (orgId && user?.orgId && user.orgId !== orgId) throw forbidden("This account belongs to another organisation");
  await db.batch([
    db.insert(subadmins).values({ groupId, userId }).onConflictDoNothing(),
    db.update(users).set({ orgId: user?.orgId ?? orgId }).where(eq(users.id, userId)),
  ]);
}

/** Nextcloud's administrators are the members of the group "admin"; `users.is_admin` mirrors it for quick checks. */
export const ADMIN_GROUP = "admin";

/** Joining an org's group puts an account without an org into that org; an account of another org is refused. */
export async function addToGroup(db: Db, user: User, groupId: string): Promise<void> {
  const orgId = await orgOfGroups(db, [groupId]);
  if (orgId && user.orgId && user.orgId !== orgId) throw forbidden("This account belongs to another organisation");
  await db.batch([
    db.insert(groupMembers).values({ groupId, userId: user.id }).onConflictDoNothing(),
    db
      .update(users)
      .set({ orgId: user.orgId ?? orgId, ...(groupId === ADMIN_GROUP ? { isAdmin: true } : {}) })
      .where(eq(users.id, user.id)),
  ]);
}

export async function removeFromGroup(db: Db, user: User, groupId: string): Promise<void> {
  const leave = db.delete(groupMembers).where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, user.id)));
  if (groupId !== ADMIN_GROUP) {
    await leave;
    return;
  }
  await db.batch([leave, db.update(users).set({ isAdmin: false }).where(eq(users.id, user.id))]);
}
