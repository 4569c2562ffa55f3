import { eq, inArray, sql } from "drizzle-orm";
import { loginAttempts } from "../../schema/core";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { tooManyRequests } from "../http/errors";

// Many members of one association share one public address, so an address gets more tries than a login name.
const ADDRESS_FACTOR = 5;

export interface LoginAttemptKeys {
  login: string;
  address: string;
}

function keysOf({ login, address }: LoginAttemptKeys) {
  return { loginKey: `login:${login.toLowerCase()}`, addressKey: `addr:${address}` };
}

/**
 * Refuses with 429 before any password is checked once a login name or an address has failed too often.
 * Says whether the login name has failures on record, so that a success clears them only when needed.
 */
export async function assertLoginAllowed(db: Db, policy: Config["login"], keys: LoginAttemptKeys): Promise<{ loginHasFailures: boolean }> {
  const { loginKey, addressKey } = keysOf(keys);
  const now = Math.floor(Date.now() / 1000);
  const rows = await db.select().from(loginAttempts).where(inArray(loginAttempts.key, [loginKey, addressKey]));
  for (const row of rows) {
    const limit = row.key === addressKey ? policy.maxFailures * ADDRESS_FACTOR : policy.maxFailures;
    const windowEnd = row.windowStart + policy.windowSeconds;
    if (now < windowEnd && row.failures >= limit) throw tooManyRequests(windowEnd - now);
  }
  return { loginHasFailures: rows.some((r) => r.key === loginKey) };
}

export async function recordLoginFailure(db: Db, policy: Config["login"], keys: LoginAttemptKeys): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const expired = now - policy.windowSeconds;
  const { loginKey, addressKey } = keysOf(keys);
  const increment = (key: string) =>
    db
      .insert(loginAttempts)
      .values({ key, windowStart: now, failures: 1 })
      .onConflictDoUpdate({
        target: loginAttempts.key,
        set: {
          failures: sql`CASE WHEN ${loginAttempts.windowStart} <= ${expired} THEN 1 ELSE ${loginAttempts.failures} + 1 END`,
          windowStart: sql`CASE WHEN ${loginAttempts.windowStart} <= ${expired} THEN ${now} ELSE ${loginAttempts.windowStart} END`,
        },
      });
  await db.batch([increment(loginKey), increment(addressKey)]);
}

export async function clearLoginFailures(db: Db, keys: LoginAttemptKeys): Promise<void> {
  await db.delete(loginAttempts).where(eq(loginAttempts.key, keysOf(keys).loginKey));
}

export function clientAddress(headers: Headers): string {
  return headers.get("CF-Connecting-IP") ?? "local";
}
