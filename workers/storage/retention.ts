import { readConfig } from "../config";
import { createDb } from "../db/client";
import type { Env } from "../env";
import { systemFileService } from "./system";
import { trashedBefore } from "./trash";
import { expireAllVersions } from "./versions";

/**
 * The hourly clean-up: items in the trash longer than TRASH_RETENTION_DAYS are purged (with their
 * versions), and every file's versions are thinned by the expiry schedule.
 */
export async function applyRetention(env: Env, now = Math.floor(Date.now() / 1000)): Promise<void> {
  const config = readConfig(env);
  const db = createDb(env.DB);
  const files = systemFileService(env, null);
  for (const entry of await trashedBefore(db, now - config.trashRetentionDays * 86400)) await files.purge(entry);
  const maxAge = config.versionsRetentionDays === 0 ? null : config.versionsRetentionDays * 86400;
  await expireAllVersions(db, env.FILES, maxAge, now);
}
