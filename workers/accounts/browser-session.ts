import type { Context } from "hono";
import { setCookie } from "hono/cookie";
import type { AppEnv } from "../http/app-env";
import { createSession, SESSION_COOKIE } from "./sessions";

/** Opens a cookie session: HttpOnly so scripts never see it, SameSite=Lax against cross-site posts. */
export async function startBrowserSession(c: Context<AppEnv>, userId: string) {
  const { db, config } = c.var;
  const session = await createSession(db, userId, config.sessionTtlSeconds);
  setCookie(c, SESSION_COOKIE, session.cookieValue, {
    httpOnly: true,
    sameSite: "Lax",
    secure: new URL(c.req.url).protocol === "https:",
    path: "/",
    maxAge: config.sessionTtlSeconds,
  });
  return session;
}
