import { Hono } from "hono";
import type { AppEnv } from "../../workers/http/app-env";
import { attachmentsApi } from "./attachments/routes";
import { exportApi } from "./export/routes";
import { importApi } from "./import/routes";
import { snapshotsApi } from "./snapshots";

/** `/api/docs`: import, export, named snapshots and pictures of documents. */
export const docsApi = new Hono<AppEnv>().route("/", importApi).route("/", exportApi).route("/", snapshotsApi).route("/", attachmentsApi);
