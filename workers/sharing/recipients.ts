import { sql } from "drizzle-orm";
import { shareRecipients } from "../../schema/core";
import type { Db } from "../db/client";

/** Nextcloud's share states for one recipient. */
export const ACCEPTED = 0;
export const PENDING = 1;
export const REJECTED = 2;

/** Sets one recipient's state on shares (accept, decline, remove from their tree, restore). */
export async function setRecipientState(db: Db, userId: string, shareIds: readonly number[], state: number): Promise<void> {
  // A mount rarely stands for more than two shares (a user share and a group share of one node).
  for (const shareId of shareIds) {
    await db
      .insert(shareRecipients)
      .values({ shareId, userId, state })
      .onConflictDoUpdate({ target: [shareRecipients.shareId, shareRecipients.userId], set: { state: sql`excluded.state` } });
  }
}

/** Renames where shares are mounted in one recipient's root. */
export async function setMountTarget(db: Db, userId: string, shareIds: readonly number[], target: string): Promise<void> {
  for (const shareId of shareIds) {
    await db
      .insert(shareRecipients)
      .values({ shareId, userId, target })
      .onConflictDoUpdate({ target: [shareRecipients.shareId, shareRecipients.userId], set: { target } });
  }
}
