import { createDb } from "../../db/client";
import type { Env } from "../../env";
import { discardUpload, expiredUploads } from "./store";

/** Uploads reclaimed per cron run: enough for any real backlog, bounded so one run stays short. */
const BATCH = 200;

/** The hourly cron: uploads nobody touched for a day are abandoned; their staged bytes go. */
export async function reclaimAbandonedUploads(env: Pick<Env, "DB" | "FILES">): Promise<number> {
  const db = createDb(env.DB);
  const uploads = await expiredUploads(db, BATCH);
  for (const upload of uploads) await discardUpload(db, env.FILES, upload);
  return uploads.length;
}
