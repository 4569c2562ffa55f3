import type { Config } from "../config";
import type { Db } from "../db/client";
import { unauthorized } from "../http/errors";
import { findAppPasswordByToken, looksLikeAppPassword, type AppPassword } from "./app-passwords";
import { sha256Hex } from "./crypto";
import { clearLoginFailures, judgeLoginAttempts, loginAttemptsQuery, recordLoginFailure } from "./login-rate-limit";
import { UNUSABLE_HASH, verifyPassword } from "./password-hash";
import { findUser, isPerson, loginLookupQueries, userOfLogin, type User } from "./users";

export interface VerifiedLogin {
  user: User;
  appPassword?: AppPassword;
}

// Sync clients send Basic auth on every request; re-running PBKDF2 each time would cost ~50 ms of CPU a request.
// The key includes the stored hash, so a password change or reset invalidates it at once.
const recentlyVerified = new Map<string, number>();
const VERIFIED_TTL_MS = 5 * 60_000;
const VERIFIED_MAX = 2_000;

async function passwordMatches(user: User | undefined, password: string): Promise<boolean> {
  const stored = user?.passwordHash ?? UNUSABLE_HASH;
  const key = await sha256Hex(`${user?.id ?? ""}\0${stored}\0${password}`);
  const until = recentlyVerified.get(key);
  if (user && until !== undefined && until > Date.now()) return true;
  const ok = (await verifyPassword(password, stored)) && user !== undefined;
  if (ok) {
    if (recentlyVerified.size >= VERIFIED_MAX) recentlyVerified.clear();
    recentlyVerified.set(key, Date.now() + VERIFIED_TTL_MS);
  }
  return ok;
}

function loginNames(user: User): string[] {
  return [user.id.toLowerCase(), ...(user.email ? [user.email.toLowerCase()] : [])];
}

async function matchAppPassword(db: Db, login: string, secret: string): Promise<VerifiedLogin | undefined> {
  // Only something shaped like a token can be one: a person's password skips the lookup.
  if (!looksLikeAppPassword(secret)) return undefined;
  const appPassword = await findAppPasswordByToken(db, secret);
  if (!appPassword) return undefined;
  const user = await findUser(db, appPassword.userId);
  if (!isPerson(user) || !loginNames(user).includes(login.toLowerCase())) return undefined;
  return { user, appPassword };
}

/**
 * The one place where a login name and a secret become a user: Basic auth, the login form and
 * Login Flow v2 all come through here, so rate limits and the disabled check apply to every door.
 */
export async function verifyLogin(
  db: Db,
  policy: Config["login"],
  login: string,
  secret: string,
  address: string,
  options: { allowAppPassword: boolean },
): Promise<VerifiedLogin> {
  const keys = { login, address };
  // The account is read in the same batch as the rate-limit counters (one round trip to D1, which every
  // Basic-auth request pays), but no secret is tested before the check passes.
  const [attempts, byId, byEmail] = await db.batch([loginAttemptsQuery(db, policy, keys), ...loginLookupQueries(db, login)]);
  const { loginHasFailures } = judgeLoginAttempts(attempts, policy, keys);
  const user = userOfLogin(login, byId, byEmail);
  let verified = options.allowAppPassword ? await matchAppPassword(db, login, secret) : undefined;
  if (!verified && (await passwordMatches(user, secret))) verified = { user: user! };
  if (!verified || !verified.user.enabled || !isPerson(verified.user)) {
    await recordLoginFailure(db, policy, keys);
    throw unauthorized("Wrong login or password");
  }
  // Sync clients authenticate every request: a write per request only when there is something to clear.
  if (loginHasFailures) await clearLoginFailures(db, keys);
  return verified;
}
