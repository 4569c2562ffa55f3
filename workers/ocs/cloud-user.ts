import { Hono } from "hono";
import { requireAuth } from "../accounts/authenticate";
import { nextcloudUserData } from "../accounts/user-data";
import { storageUsedBy } from "../storage/quota";
import type { AppEnv } from "../http/app-env";
import { ocsOk } from "./envelope";

/** The client takes `id` as its DAV user name and shows `display-name`. */
export const cloudUserRoutes = new Hono<AppEnv>().get("/cloud/user", async (c) => {
  const { user } = requireAuth(c);
  const { db, config } = c.var;
  return ocsOk(c, await nextcloudUserData(db, config, user, await storageUsedBy(db, user.id)));
});
