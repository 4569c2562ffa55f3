import { inArray, sql } from "drizzle-orm";
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

/** A counter of failed attempts (per login name, per address, per public link…) and how many it allows in one window. */
export interface AttemptLimit {
  key: string;
  limit: number;
}

type LoginAttempt = typeof loginAttempts.$inferSelect;

const loginKey = (login: string) => `login:${login.toLowerCase()}`;

function limitsOf(policy: Config["login"], { login, address }: LoginAttemptKeys): AttemptLimit[] {
  return [
    { key: loginKey(login), limit: policy.maxFailures },
    { key: `addr:${address}`, limit: policy.maxFailures * ADDRESS_FACTOR },
  ];
}

/** The counters' rows, as a query not yet sent, so that it can share a batch (one round trip) with other reads. */
export function attemptRowsQuery(db: Db, limits: readonly AttemptLimit[]) {
  return db
    .select()
    .from(loginAttempts)
    .where(inArray(loginAttempts.key, limits.map((l) => l.key)));
}

/**
 * Refuses with 429 once one of the counters is full for the current window. Returns the keys that
 * have failures on record, so that a success clears them only when needed.
 */
export function judgeAttempts(rows: readonly LoginAttempt[], windowSeconds: number, limits: readonly AttemptLimit[]): Set<string> {
  const now = Math.floor(Date.now() / 1000);
  for (const row of rows) {
    const limit = limits.find((l) => l.key === row.key)!.limit;
    const windowEnd = row.windowStart + windowSeconds;
    if (now < windowEnd && row.failures >= limit) throw tooManyRequests(windowEnd - now);
  }
  return new Set(rows.map((r) => r.key));
}

/** Refuses with 429 before any secret is checked once one of the counters is full (see judgeAttempts). */
export async function assertAttemptsAllowed(db: Db, windowSeconds: number, limits: readonly AttemptLimit[]): Promise<Set<string>> {
  return judgeAttempts(await attemptRowsQuery(db, limits), windowSeconds, limits);
}

/** One more failure on each counter; a counter whose window has passed starts again at 1. */
export async function recordFailedAttempt(db: Db, windowSeconds: number, keys: readonly string[]): Promise<void> {
  const now = Math.floor(Date.now() / 1000);
  const expired = now - windowSeconds;
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
  const [first, ...rest] = keys.map(increment);
  if (first) await db.batch([first, ...rest]);
}

export async function clearFailedAttempts(db: Db, keys: readonly string[]): Promise<void> {
  if (keys.length) await db.delete(loginAttempts).where(inArray(loginAttempts.key, [...keys]));
}

/** The rows judgeLoginAttempts needs, as a query not yet sent (verifyLogin batches it with the account lookup). */
export function loginAttemptsQuery(db: Db, policy: Config["login"], keys: LoginAttemptKeys) {
  return attemptRowsQuery(db, limitsOf(policy, keys));
}

/**
 * Refuses with 429 before any password is checked once a login name or an address has failed too often.
 * Says whether the login name has failures on record, so that a success clears them only when needed.
 */
export function judgeLoginAttempts(rows: readonly LoginAttempt[], policy: Config["login"], keys: LoginAttemptKeys): { loginHasFailures: boolean } {
  const withFailures = judgeAttempts(rows, policy.windowSeconds, limitsOf(policy, keys));
  return { loginHasFailures: withFailures.has(loginKey(keys.login)) };
}

export async function recordLoginFailure(db: Db, policy: Config["login"], keys: LoginAttemptKeys): Promise<void> {
  await recordFailedAttempt(db, policy.windowSeconds, limitsOf(policy, keys).map((l) => l.key));
}

export async function clearLoginFailures(db: Db, keys: LoginAttemptKeys): Promise<void> {
  await clearFailedAttempts(db, [loginKey(keys.login)]);
}

export function clientAddress(headers: Headers): string {
  return headers.get("CF-Connecting-IP") ?? "local";
}
