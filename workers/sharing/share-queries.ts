import { and, desc, eq, gt, isNull, ne, or, sql, type SQL } from "drizzle-orm";
import { fileNodes, groups, shareRecipients, shares, users } from "../../schema/core";
import type { Db } from "../db/client";
import type { ShareAsker } from "./share-asker";
import { GROUP_SHARE, USER_SHARE, type Share } from "./share-store";

const inJson = (ids: readonly (number | string)[]) => sql`(SELECT value FROM json_each(${JSON.stringify(ids)}))`;
const usable = () => or(isNull(shares.expiresAt), gt(shares.expiresAt, Math.floor(Date.now() / 1000)))!;

export function sharesInitiatedBy(db: Db, userId: string): Promise<Share[]> {
  return db.select().from(shares).where(eq(shares.initiatorId, userId)).orderBy(shares.id);
}

export function sharesOnNodes(db: Db, nodeIds: readonly number[]): Promise<Share[]> {
  if (!nodeIds.length) return Promise.resolve([]);
  return db.select().from(shares).where(sql`${shares.nodeId} IN ${inJson(nodeIds)}`).orderBy(shares.id);
}

/** Shares others made of what the asker owns (their files, the spaces they manage): Nextcloud's reshares. */
export async function sharesOfOwnedNodes(db: Db, asker: ShareAsker): Promise<Share[]> {
  const owned: SQL[] = [and(eq(fileNodes.ownerId, asker.user.id), isNull(fileNodes.spaceId))!];
  if (asker.managedSpaces.size) owned.push(sql`${fileNodes.spaceId} IN ${inJson([...asker.managedSpaces])}`);
  const rows = await db
    .select({ share: shares })
    .from(shares)
    .innerJoin(fileNodes, eq(fileNodes.id, shares.nodeId))
    .where(and(ne(shares.initiatorId, asker.user.id), or(...owned)))
    .orderBy(shares.id);
  return rows.map((r) => r.share);
}

export interface ReceivedShare {
  share: Share;
  state: number;
  target: string | null;
}

/** User and group shares the asker receives, still usable, in the given recipient states. */
export async function receivedShares(db: Db, asker: ShareAsker, states: readonly number[] | "all"): Promise<ReceivedShare[]> {
  const me = asker.user.id;
  const state = sql<number>`coalesce(${shareRecipients.state}, 0)`;
  const addressed = [and(eq(shares.shareType, USER_SHARE), eq(shares.shareWith, me))!];
  if (asker.groups.size) addressed.push(and(eq(shares.shareType, GROUP_SHARE), sql`${shares.shareWith} IN ${inJson([...asker.groups])}`)!);
  const conditions = [ne(shares.initiatorId, me), usable(), or(...addressed)!];
  if (states !== "all") conditions.push(sql`${state} IN ${inJson(states)}`);
  return db
    .select({ share: shares, state, target: shareRecipients.target })
    .from(shares)
    .leftJoin(shareRecipients, and(eq(shareRecipients.shareId, shares.id), eq(shareRecipients.userId, me)))
    .where(and(...conditions))
    .orderBy(desc(shares.id));
}

/** Per share, the recipients' rows (state and mount name), for the shares' initiators and owners. */
export async function recipientRows(db: Db, shareIds: readonly number[]) {
  if (!shareIds.length) return [];
  return db.select().from(shareRecipients).where(sql`${shareRecipients.shareId} IN ${inJson(shareIds)}`);
}

/** Display names of users and groups, by id: one query each. */
export async function displayNames(db: Db, userIds: readonly string[], groupIds: readonly string[]) {
  const [userRows, groupRows] = await Promise.all([
    userIds.length ? db.select({ id: users.id, name: users.displayName, email: users.email }).from(users).where(sql`${users.id} IN ${inJson([...new Set(userIds)])}`) : [],
    groupIds.length ? db.select({ id: groups.id, name: groups.displayName }).from(groups).where(sql`${groups.id} IN ${inJson([...new Set(groupIds)])}`) : [],
  ]);
  return {
    users: new Map(userRows.map((u) => [u.id, u])),
    groups: new Map(groupRows.map((g) => [g.id, g.name])),
  };
}

export type DisplayNames = Awaited<ReturnType<typeof displayNames>>;

/** Group members, for recording a group share's activity or making it pending for each. */
export async function groupMemberIds(db: Db, groupId: string): Promise<string[]> {
  const rows = await db.all<{ user_id: string }>(sql`
    SELECT m.user_id FROM group_members m JOIN users u ON u.id = m.user_id WHERE m.group_id = ${groupId} AND u.enabled = 1 AND u.kind = 'person'`);
  return rows.map((r) => r.user_id);
}


