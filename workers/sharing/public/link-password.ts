import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { constantTimeEqual, sha256Hex, toBase64Url } from "../../accounts/crypto";
import { instanceHmacKey } from "../../accounts/instance-secret";
import { assertAttemptsAllowed, clearFailedAttempts, clientAddress, recordFailedAttempt, type AttemptLimit } from "../../accounts/login-rate-limit";
import { verifyPassword } from "../../accounts/password-hash";
import type { AppEnv } from "../../http/app-env";
import type { ResolvedLink } from "./resolve-link";

/** The cookie that proves a browser gave a link's password; one per link, scoped to its paths. */
export const LINK_COOKIE = "cumulus_link";

/** Where the proof is sent: the link's page (and its download) and its WebDAV door, for the drop page's uploads. */
export const proofPaths = (token: string) => [`/s/${token}`, `/public.php/dav/files/${token}`];

// Many pupils of one school share one address, so a link as a whole tolerates more failures than one address.
const LINK_FACTOR = 5;

/**
 * The proof: an HMAC with the instance's key over the share and its password hash, so it is worth
 * nothing for another link, and changing the password logs every browser out.
 */
async function proofOf(c: Context<AppEnv>, link: ResolvedLink): Promise<string> {
  const key = await instanceHmacKey(c.var.db, "public-link");
  const mac = await crypto.subtle.sign("HMAC", key, new TextEncoder().encode(`${link.share.id}\u0000${link.share.passwordHash ?? ""}`));
  return toBase64Url(new Uint8Array(mac));
}

export async function hasPasswordProof(c: Context<AppEnv>, link: ResolvedLink): Promise<boolean> {
  const sent = getCookie(c, LINK_COOKIE);
  return sent !== undefined && constantTimeEqual(sent, await proofOf(c, link));
}

/** HttpOnly (no script reads it), SameSite=Lax (no cross-site post carries it), Secure over https; for the browser session. */
export async function setPasswordProof(c: Context<AppEnv>, link: ResolvedLink, token: string): Promise<void> {
  const value = await proofOf(c, link);
  const secure = new URL(c.req.url).protocol === "https:";
  for (const path of proofPaths(token)) setCookie(c, LINK_COOKIE, value, { httpOnly: true, sameSite: "Lax", secure, path });
}

function limitsOf(c: Context<AppEnv>, link: ResolvedLink): AttemptLimit[] {
  const { maxFailures } = c.var.config.login;
  return [
    { key: `link:${link.share.id}@${clientAddress(c.req.raw.headers)}`, limit: maxFailures },
    { key: `link:${link.share.id}`, limit: maxFailures * LINK_FACTOR },
  ];
}

// WebDAV clients send the password on every request; PBKDF2 each time would cost ~50 ms of CPU a request.
// The key includes the stored hash, so a new password invalidates it at once.
const recentlyVerified = new Map<string, number>();
const VERIFIED_TTL_MS = 5 * 60_000;
const VERIFIED_MAX = 2_000;

/**
 * Checks a link's password, refusing with 429 (Retry-After) before any check once this address, or
 * the link as a whole, failed too often in the login window. Failures are counted, a success clears
 * this address's count.
 */
export async function checkLinkPassword(c: Context<AppEnv>, link: ResolvedLink, password: string): Promise<boolean> {
  const stored = link.share.passwordHash;
  if (!stored) return true;
  const { db, config } = c.var;
  const limits = limitsOf(c, link);
  const withFailures = await assertAttemptsAllowed(db, config.login.windowSeconds, limits);
  const cacheKey = await sha256Hex(`${link.share.id}\u0000${stored}\u0000${password}`);
  const until = recentlyVerified.get(cacheKey);
  const ok = (until !== undefined && until > Date.now()) || (await verifyPassword(password, stored));
  if (!ok) {
    await recordFailedAttempt(db, config.login.windowSeconds, limits.map((l) => l.key));
    return false;
  }
  if (recentlyVerified.size >= VERIFIED_MAX) recentlyVerified.clear();
  recentlyVerified.set(cacheKey, Date.now() + VERIFIED_TTL_MS);
  if (withFailures.has(limits[0]!.key)) await clearFailedAttempts(db, [limits[0]!.key]);
  return true;
}
