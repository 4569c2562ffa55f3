import { readConfig } from "../config";
import { createDb } from "../db/client";
import type { Env } from "../env";
import { spaceLeftFor } from "./quota";
import { FileService } from "./service";

/**
 * The file service for work done outside a request (a Durable Object saving a document, a cron job).
 * Activity is recorded as usual; plugin hooks are not run from here, so a plugin's own writes cannot
 * loop back into it.
 */
export function systemFileService(env: Env, actorId: string | null): FileService {
  const db = createDb(env.DB);
  const config = readConfig(env);
  return new FileService({
    db,
    env,
    bucket: env.FILES,
    actorId,
    hooks: [],
    waitUntil: (p) => void p.catch((error) => console.error("[files] background work failed", error)),
    spaceLeft: (ownerId) => spaceLeftFor(db, config, ownerId),
  });
}
