import { plugins } from "../plugins";
import { runActivityDigests } from "./activity/digest";
import { createApp } from "./app";
import type { Env } from "./env";
import { applyRetention } from "./storage/retention";
import { reclaimAbandonedUploads } from "./webdav/uploads/reclaim";

const app = createApp(plugins);

export default {
  fetch: app.fetch,
  /** The hourly cron (wrangler.toml [triggers]): activity e-mail digests. */
  scheduled(_controller: ScheduledController, env: Env, ctx: ExecutionContext) {
    ctx.waitUntil(runActivityDigests(env));
    ctx.waitUntil(applyRetention(env));
    ctx.waitUntil(reclaimAbandonedUploads(env));
  },
} satisfies ExportedHandler<Env>;

// The runtime finds Durable Object classes among the entry module's exports.
export * from "../plugins/durable-objects";
