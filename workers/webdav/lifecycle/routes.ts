import { Hono } from "hono";
import type { AppEnv } from "../../http/app-env";
import { trashbinRoutes } from "./trashbin";
import { versionRoutes } from "./versions";

/** The trash and versions doors of /remote.php/dav, mounted together. */
export const fileLifecycleDavRoutes = new Hono<AppEnv>().route("/", trashbinRoutes).route("/", versionRoutes);
