import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";
import { NEXTCLOUD_VERSION } from "../version";
import { CHUNK_MAX_BYTES, CHUNK_MAX_PARALLEL } from "../webdav/uploads/limits";
import { ocsOk } from "./envelope";

/**
 * Only what Cumulus really does is advertised: clients act on every flag (e.g. `files.locking` or
 * `dav.bulkupload` would send them to endpoints that do not exist).
 */
export const capabilitiesRoutes = new Hono<AppEnv>().get("/cloud/capabilities", (c) =>
  ocsOk(c, {
    version: { ...NEXTCLOUD_VERSION, edition: "", extendedSupport: false },
    capabilities: {
      core: { pollinterval: 60, "webdav-root": "remote.php/webdav", "reference-api": false },
      dav: { chunking: "1.0" },
      files: { bigfilechunking: true, undelete: true, versioning: true, chunked_upload: { max_size: CHUNK_MAX_BYTES, max_parallel_count: CHUNK_MAX_PARALLEL } },
      theming: { name: c.var.config.instanceName, productName: c.var.config.instanceName },
      cumulus: { plugins: c.var.plugins.enabled.map((p) => ({ id: p.id, version: p.version })) },
    },
  }),
);
