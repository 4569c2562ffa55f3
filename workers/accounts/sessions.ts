import { and, eq, gt, lt } from "drizzle-orm";
import { sessions, users } from "../../schema/core";
import type { Db } from "../db/client";
import { randomToken, sha256Hex } from "./crypto";

export const SESSION_COOKIE = "cumulus_session";

export interface NewSession {
  cookieValue: string;
  csrfToken: string;
  expiresAt: number;
}

export async function createSession(db: Db, userId: string, ttlSeconds: number): Promise<NewSession> {
  const cookieValue = randomToken(48);
  const csrfToken = randomToken(32);
  const expiresAt = Math.floor(Date.now() / 1000) + ttlSeconds;
  await db.batch([
    db.insert(sessions).values({ idHash: await sha256Hex(cookieValue), userId, csrfToken, expiresAt }),
    db.update(users).set({ lastLoginAt: Math.floor(Date.now() / 1000) }).where(eq(users.id, userId)),
  ]);
  return { cookieValue, csrfToken, expiresAt };
}

export async function findLiveSession(db: Db, cookieValue: string) {
  const now = Math.floor(Date.now() / 1000);
  return db.query.sessions.findFirst({
    where: and(eq(sessions.idHash, await sha256Hex(cookieValue)), gt(sessions.expiresAt, now)),
  });
}

export async function deleteSession(db: Db, cookieValue: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.idHash, await sha256Hex(cookieValue)));
}

/** Used when a user is disabled or changes password: every browser must log in again. */
export async function deleteUserSessions(db: Db, userId: string): Promise<void> {
  await db.delete(sessions).where(eq(sessions.userId, userId));
}

export async function purgeExpiredSessions(db: Db): Promise<void> {
  await db.delete(sessions).where(lt(sessions.expiresAt, Math.floor(Date.now() / 1000)));
}
