import { and, eq, ne } from "drizzle-orm";
import { Hono } from "hono";
import { getCookie } from "hono/cookie";
import { z } from "zod";
import { sessions, users } from "../../schema/core";
import { requireAuth } from "../accounts/authenticate";
import { sha256Hex } from "../accounts/crypto";
import { verifyLogin } from "../accounts/credentials";
import { clientAddress } from "../accounts/login-rate-limit";
import { hashPassword } from "../accounts/password-hash";
import { assertPasswordAllowed, MAX_PASSWORD_LENGTH } from "../accounts/password-policy";
import { SESSION_COOKIE } from "../accounts/sessions";
import type { AppEnv } from "../http/app-env";
import { forbidden } from "../http/errors";
import { jsonBody } from "../http/validate";

const body = z
  .object({ currentPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH), newPassword: z.string().min(1).max(MAX_PASSWORD_LENGTH) })
  .strict();

/**
 * Changing one's own password from the browser asks for the current one, so that a session left open
 * (or stolen) cannot lock its owner out. Other browsers are logged out; this one stays.
 */
export const accountPasswordApi = new Hono<AppEnv>().put("/", jsonBody(body), async (c) => {
  const auth = requireAuth(c);
  if (auth.method === "app-password") throw forbidden("Use your real password to change it, not an app password");
  const { db, config } = c.var;
  const { currentPassword, newPassword } = c.req.valid("json");
  await verifyLogin(db, config.login, auth.user.id, currentPassword, clientAddress(c.req.raw.headers), { allowAppPassword: false });
  assertPasswordAllowed(newPassword, config.password);
  const cookie = getCookie(c, SESSION_COOKIE);
  const keep = cookie ? await sha256Hex(cookie) : "";
  await db.batch([
    db.update(users).set({ passwordHash: await hashPassword(newPassword) }).where(eq(users.id, auth.user.id)),
    db.delete(sessions).where(and(eq(sessions.userId, auth.user.id), ne(sessions.idHash, keep))),
  ]);
  return c.body(null, 204);
});
