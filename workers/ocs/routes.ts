import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";
import { appPasswordRoutes } from "./app-password";
import { capabilitiesRoutes } from "./capabilities";
import { cloudUserRoutes } from "./cloud-user";
import { ocsFailure, OcsError, OCS_NOT_FOUND } from "./envelope";
import { provisioningGroupRoutes } from "./provisioning-groups";
import { provisioningUserRoutes } from "./provisioning-users";
import { shareApiRoutes } from "../sharing/ocs/routes";

/** One OCS app, mounted at both /ocs/v1.php and /ocs/v2.php; the envelope adapts to the version. */
export const ocsRoutes = new Hono<AppEnv>()
  .route("/", capabilitiesRoutes)
  .route("/", cloudUserRoutes)
  .route("/", provisioningUserRoutes)
  .route("/", provisioningGroupRoutes)
  .route("/", appPasswordRoutes)
  .route("/apps/files_sharing/api/v1", shareApiRoutes)
  .notFound((c) => ocsFailure(c, new OcsError(OCS_NOT_FOUND, "Invalid query")))
  .onError((error, c) => ocsFailure(c, error));
