import { Hono } from "hono";
import { createAppPassword, revokeAppPassword } from "../accounts/app-passwords";
import { requireAuth } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";
import { OcsError, ocsOk } from "./envelope";

export function deviceName(userAgent: string | undefined): string {
  return (userAgent?.trim() || "Unknown device").slice(0, 120);
}

/** Trades a real password for a device's app password, as the desktop client does after a Basic login. */
export const appPasswordRoutes = new Hono<AppEnv>()
  .get("/core/getapppassword", async (c) => {
    const auth = requireAuth(c);
    if (auth.method === "app-password") throw new OcsError(403, "You are already using an app password");
    const { token } = await createAppPassword(c.var.db, auth.user.id, deviceName(c.req.header("User-Agent")));
    return ocsOk(c, { apppassword: token });
  })
  .delete("/core/apppassword", async (c) => {
    const auth = requireAuth(c);
    if (!auth.appPassword) throw new OcsError(403, "This request does not use an app password");
    await revokeAppPassword(c.var.db, auth.user.id, auth.appPassword.id);
    return ocsOk(c);
  });
