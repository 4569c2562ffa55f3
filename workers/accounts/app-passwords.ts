import { and, desc, eq } from "drizzle-orm";
import { appPasswords } from "../../schema/core";
import type { Db } from "../db/client";
import { notFound } from "../http/errors";
import { randomToken, sha256Hex } from "./crypto";

export type AppPassword = typeof appPasswords.$inferSelect;

// Nextcloud's app passwords are 72 characters; a token this long is safe to store as a plain SHA-256.
const TOKEN_LENGTH = 72;

export async function createAppPassword(db: Db, userId: string, name: string) {
  const token = randomToken(TOKEN_LENGTH);
  const [row] = await db
    .insert(appPasswords)
    .values({ userId, name, tokenHash: await sha256Hex(token) })
    .returning();
  return { token, record: row! };
}

export async function findAppPasswordByToken(db: Db, token: string): Promise<AppPassword | undefined> {
  if (token.length !== TOKEN_LENGTH) return undefined;
  return db.query.appPasswords.findFirst({ where: eq(appPasswords.tokenHash, await sha256Hex(token)) });
}

export async function listAppPasswords(db: Db, userId: string) {
  return db
    .select({
      id: appPasswords.id,
      name: appPasswords.name,
      createdAt: appPasswords.createdAt,
      lastUsedAt: appPasswords.lastUsedAt,
    })
    .from(appPasswords)
    .where(eq(appPasswords.userId, userId))
    .orderBy(desc(appPasswords.createdAt), desc(appPasswords.id));
}

export async function revokeAppPassword(db: Db, userId: string, id: number): Promise<void> {
  const deleted = await db
    .delete(appPasswords)
    .where(and(eq(appPasswords.id, id), eq(appPasswords.userId, userId)))
    .returning({ id: appPasswords.id });
  if (!deleted.length) throw notFound("No such app password");
}

/** Written at most once a minute per device, so a syncing client does not write on every request. */
export async function touchAppPassword(db: Db, record: AppPassword): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  if (record.lastUsedAt !== null && now - record.lastUsedAt < 60) return;
  await db.update(appPasswords).set({ lastUsedAt: now }).where(eq(appPasswords.id, record.id));
}

/** App passwords are TOKEN_LENGTH letters and digits; anything else is not worth a lookup. */
export function looksLikeAppPassword(secret: string): boolean {
  return secret.length === TOKEN_LENGTH && /^[A-Za-z0-9]+$/.test(secret);
}
