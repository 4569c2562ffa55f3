import { Hono } from "hono";
import { deleteCookie, getCookie } from "hono/cookie";
import { z } from "zod";
import { requireAuth } from "../accounts/authenticate";
import { verifyLogin } from "../accounts/credentials";
import { clientAddress } from "../accounts/login-rate-limit";
import { describePolicy, MAX_PASSWORD_LENGTH } from "../accounts/password-policy";
import { startBrowserSession } from "../accounts/browser-session";
import { deleteSession, SESSION_COOKIE } from "../accounts/sessions";
import type { AppEnv } from "../http/app-env";
import { jsonBody } from "../http/validate";

const loginSchema = z
  .object({ login: z.string().min(1).max(255), password: z.string().min(1).max(MAX_PASSWORD_LENGTH) })
  .strict();

/** The browser's door: a cookie session plus a CSRF token the page echoes in the `requesttoken` header. */
export const authRoutes = new Hono<AppEnv>()
  .get("/password-policy", (c) => c.json(describePolicy(c.var.config.password)))
  .post("/login", jsonBody(loginSchema), async (c) => {
    const { db, config } = c.var;
    const { login, password } = c.req.valid("json");
    // App passwords are for devices; the browser logs in with the real password.
    const { user } = await verifyLogin(db, config.login, login, password, clientAddress(c.req.raw.headers), {
      allowAppPassword: false,
    });
    const session = await startBrowserSession(c, user.id);
    return c.json({ user: { id: user.id, displayName: user.displayName }, csrfToken: session.csrfToken });
  })
  .post("/logout", async (c) => {
    const cookie = getCookie(c, SESSION_COOKIE);
    if (cookie) await deleteSession(c.var.db, cookie);
    deleteCookie(c, SESSION_COOKIE, { path: "/" });
    return c.body(null, 204);
  })
  .get("/me", (c) => {
    const { user, csrfToken } = requireAuth(c);
    return c.json({
      user: { id: user.id, displayName: user.displayName, email: user.email, isAdmin: user.isAdmin, orgId: user.orgId, language: user.language },
      csrfToken: csrfToken ?? null,
    });
  });
