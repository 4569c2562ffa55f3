import { Hono } from "hono";
import type { AppEnv } from "../http/app-env";
import { NEXTCLOUD_VERSION } from "../version";
import { CHUNK_MAX_BYTES, CHUNK_MAX_PARALLEL } from "../webdav/uploads/limits";
import { ocsOk } from "./envelope";

/** The OCS Share API (workers/sharing/ocs): users, groups, links and e-mail links; no federation, no mail sent yet. */
const FILES_SHARING = {
  api_enabled: true,
  public: {
    enabled: true,
    password: { enforced: false, askForOptionalPassword: false },
    expire_date: { enabled: false },
    multiple_links: true,
    send_mail: false,
    upload: true,
    upload_files_drop: true,
  },
  resharing: true,
  user: { send_mail: false, expire_date: { enabled: true } },
  group_sharing: true,
  group: { enabled: true, expire_date: { enabled: true } },
  default_permissions: 31,
  federation: { outgoing: false, incoming: false, expire_date: { enabled: false }, expire_date_supported: { enabled: false } },
  sharee: { query_lookup_default: false, always_show_unique: true },
};

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
      files_sharing: FILES_SHARING,
      theming: { name: c.var.config.instanceName, productName: c.var.config.instanceName },
      cumulus: { plugins: c.var.plugins.enabled.map((p) => ({ id: p.id, version: p.version })) },
    },
  }),
);
