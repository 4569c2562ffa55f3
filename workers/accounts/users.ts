import { and, eq, inArray } from "drizzle-orm";
import { groupMembers, groups, subadmins, users } from "../../schema/core";
import type { Db } from "../db/client";
import { conflict } from "../http/errors";
import { hashPassword } from "./password-hash";

export type User = typeof users.$inferSelect;

/** Accounts people log in with; a space's holder account (kind 'space') never logs in and is never listed. */
export const PERSON = "person";
export const isPerson = (user: User | undefined): user is User => user?.kind === PERSON;

export async function findUser(db: Db, id: string): Promise<User | undefined> {
  return db.query.users.findFirst({ where: eq(users.id, id) });
}

/**
 * The reads that find who a login name is, as queries not yet sent (verifyLogin sends them in one batch
 * with the rate-limit check): the account of that id, and the person with that e-mail address.
 */
export function loginLookupQueries(db: Db, login: string) {
  return [
    db.select().from(users).where(eq(users.id, login)).limit(1),
    db.select().from(users).where(and(eq(users.email, login), eq(users.kind, PERSON))).limit(1),
  ] as const;
}

/** Nextcloud lets people log in with their e-mail address too. Only persons log in. */
export function userOfLogin(login: string, byId: readonly User[], byEmail: readonly User[]): User | undefined {
  const user = byId[0] ?? (login.includes("@") ? byEmail[0] : undefined);
  return isPerson(user) ? user : undefined;
}

export interface NewUser {
  id: string;
  password: string;
  displayName?: string;
  email?: string | null;
  orgId?: string | null;
  isAdmin?: boolean;
  quotaBytes?: number | null;
  groupIds?: string[];
}

export async function createUser(db: Db, input: NewUser): Promise<User> {
  if (await findUser(db, input.id)) throw conflict("A user with this id already exists", "user_exists");
  const passwordHash = await hashPassword(input.password);
  const row = {
    id: input.id,
    displayName: input.displayName ?? input.id,
    email: input.email ?? null,
    passwordHash,
    orgId: input.orgId ?? null,
    isAdmin: input.isAdmin ?? false,
    quotaBytes: input.quotaBytes ?? null,
  };
  const memberships = (input.groupIds ?? []).map((groupId) => ({ groupId, userId: input.id }));
  // One batch is one transaction in D1: the user never exists without its groups.
  await db.batch([
    db.insert(users).values(row),
    ...(memberships.length ? [db.insert(groupMembers).values(memberships).onConflictDoNothing()] : []),
  ]);
  return (await findUser(db, input.id))!;
}

export async function userGroupIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.userId, userId));
  return rows.map((r) => r.id).sort();
}

export async function subadminGroupIds(db: Db, userId: string): Promise<string[]> {
  const rows = await db.select({ id: subadmins.groupId }).from(subadmins).where(eq(subadmins.userId, userId));
  return rows.map((r) => r.id).sort();
}

export async function existingGroupIds(db: Db, ids: string[]): Promise<Set<string>> {
  if (!ids.length) return new Set();
  const rows = await db.select({ id: groups.id }).from(groups).where(inArray(groups.id, ids));
  return new Set(rows.map((r) => r.id));
}

export async function isGroupMember(db: Db, groupId: string, userId: string): Promise<boolean> {
  const row = await db
    .select({ g: groupMembers.groupId })
    .from(groupMembers)
    .where(and(eq(groupMembers.groupId, groupId), eq(groupMembers.userId, userId)))
    .get();
  return row !== undefined;
}
