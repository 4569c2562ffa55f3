import { eq } from "drizzle-orm";
import { shares } from "../../schema/core";
import type { Db } from "../db/client";

export type Share = typeof shares.$inferSelect;
export type NewShare = typeof shares.$inferInsert;

export const USER_SHARE = 0;
export const GROUP_SHARE = 1;
export const LINK_SHARE = 3;
export const EMAIL_SHARE = 4;

/**
 * Rows only: no checks. Callers go through the share service (OCS, web), which validates rights
 * first; tests use this to set up a share directly.
 */
export async function insertShare(db: Db, share: NewShare): Promise<Share> {
  const [row] = await db.insert(shares).values(share).returning();
  return row!;
}

export async function shareById(db: Db, id: number): Promise<Share | undefined> {
  return db.query.shares.findFirst({ where: eq(shares.id, id) });
}

export async function shareByToken(db: Db, token: string): Promise<Share | undefined> {
  return db.query.shares.findFirst({ where: eq(shares.token, token) });
}
