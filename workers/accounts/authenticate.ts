import type { Context, MiddlewareHandler } from "hono";
import { getCookie } from "hono/cookie";
import { constantTimeEqual } from "./crypto";
import type { AppEnv, Auth } from "../http/app-env";
import { forbidden, unauthorized } from "../http/errors";
import { touchAppPassword } from "./app-passwords";
import { verifyLogin } from "./credentials";
import { clientAddress } from "./login-rate-limit";
import { findLiveSession, SESSION_COOKIE } from "./sessions";
import { findUser, isPerson } from "./users";

const SAFE_METHODS = new Set(["GET", "HEAD", "OPTIONS", "PROPFIND", "REPORT", "SEARCH"]);
export const CSRF_HEADER = "requesttoken";

export function parseBasic(header: string | undefined): { login: string; secret: string } | undefined {
  if (!header?.toLowerCase().startsWith("basic ")) return undefined;
  let decoded: string;
  try {
    decoded = new TextDecoder().decode(Uint8Array.from(atob(header.slice(6).trim()), (c) => c.charCodeAt(0)));
  } catch {
    throw unauthorized("Malformed Basic credentials");
  }
  const colon = decoded.indexOf(":");
  if (colon < 0) throw unauthorized("Malformed Basic credentials");
  return { login: decoded.slice(0, colon), secret: decoded.slice(colon + 1) };
}

async function fromBasic(c: Context<AppEnv>, login: string, secret: string): Promise<Auth> {
  const { db, config } = c.var;
  const verified = await verifyLogin(db, config.login, login, secret, clientAddress(c.req.raw.headers), {
    allowAppPassword: true,
  });
  if (verified.appPassword) {
    const touch = touchAppPassword(db, verified.appPassword);
    try {
      c.executionCtx.waitUntil(touch);
    } catch {
      await touch; // no execution context (app.request in unit tests)
    }
    return { user: verified.user, method: "app-password", appPassword: verified.appPassword };
  }
  return { user: verified.user, method: "password" };
}

/** The page's XHRs send the token as a header; plain HTML forms (Login Flow's grant page) as a field. */
async function sentCsrfToken(c: Context<AppEnv>): Promise<string> {
  const header = c.req.header(CSRF_HEADER);
  if (header) return header;
  if (!(c.req.header("Content-Type") ?? "").includes("application/x-www-form-urlencoded")) return "";
  const field = (await c.req.parseBody())[CSRF_HEADER];
  return typeof field === "string" ? field : "";
}

async function fromSession(c: Context<AppEnv>, cookie: string): Promise<Auth | null> {
  const session = await findLiveSession(c.var.db, cookie);
  if (!session) return null;
  const user = await findUser(c.var.db, session.userId);
  if (!isPerson(user) || !user.enabled) return null;
  if (!SAFE_METHODS.has(c.req.method) && !constantTimeEqual(await sentCsrfToken(c), session.csrfToken)) {
    throw forbidden("Missing or wrong CSRF token");
  }
  return { user, method: "session", csrfToken: session.csrfToken };
}

/** Public links' doors: their Basic credentials are a link's token and password, never an account's. */
const isPublicLinkDoor = (path: string) => path.startsWith("/public.php/") || path.startsWith("/s/");

/** Identifies the caller from Basic auth or the session cookie; never refuses by itself. */
export const authenticate: MiddlewareHandler<AppEnv> = async (c, next) => {
  if (isPublicLinkDoor(c.req.path)) {
    // Nobody is logged in through a link, even a member whose browser holds a session.
    c.set("auth", null);
    return next();
  }
  const basic = parseBasic(c.req.header("Authorization"));
  const cookie = getCookie(c, SESSION_COOKIE);
  c.set("auth", basic ? await fromBasic(c, basic.login, basic.secret) : cookie ? await fromSession(c, cookie) : null);
  await next();
};

export function requireAuth(c: Context<AppEnv>): Auth {
  const auth = c.var.auth;
  if (!auth) throw unauthorized();
  return auth;
}
