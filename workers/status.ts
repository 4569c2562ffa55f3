import { Hono } from "hono";
import type { AppEnv } from "./http/app-env";
import { NEXTCLOUD_VERSION } from "./version";

/** What sync clients probe first; every field Nextcloud returns, since clients read several of them. */
export const statusRoutes = new Hono<AppEnv>().get("/status.php", (c) =>
  c.json({
    installed: true,
    maintenance: false,
    needsDbUpgrade: false,
    version: `${NEXTCLOUD_VERSION.string}.0`,
    versionstring: NEXTCLOUD_VERSION.string,
    edition: "",
    productname: c.var.config.instanceName,
    extendedSupport: false,
  }),
);
