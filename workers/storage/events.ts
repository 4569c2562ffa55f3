import { recordActivity } from "../activity/record";
import type { ActivityType } from "../activity/event-types";
import type { Db } from "../db/client";
import type { Env } from "../env";
import { runHooks, type CoreEventName, type CoreEvents, type FileEventNode, type HookSubscriber } from "../plugin/hooks";
import { namesOf, type FileNode } from "./tree";

export interface EventContext {
  db: Db;
  env: Env;
  actorId: string | null;
  hooks: readonly HookSubscriber[];
  waitUntil: (promise: Promise<unknown>) => void;
}

const ACTIVITY_OF: Record<Exclude<CoreEventName, "fileShared">, ActivityType> = {
  fileCreated: "file_created",
  fileChanged: "file_changed",
  fileMoved: "file_moved",
  fileDeleted: "file_deleted",
};

export async function describeNode(db: Db, node: FileNode): Promise<FileEventNode> {
  return { id: node.id, path: `/${(await namesOf(db, node)).join("/")}`, name: node.name, mime: node.mime, size: node.size, etag: node.etag };
}

type Extra<E extends CoreEventName> = Omit<CoreEvents[E], "env" | "actorId" | "waitUntil" | "node">;

/**
 * After a change: an activity entry for the owner's stream, then the plugins' hooks. Hooks run after
 * the response when the runtime allows, so a slow plugin never slows a sync client down.
 */
export async function emitFileEvent<E extends Exclude<CoreEventName, "fileShared">>(
  ctx: EventContext,
  event: E,
  node: FileNode,
  extra: Extra<E>,
  described?: FileEventNode,
  /** The activity to record when it is not the event's own (a restore is recorded as `file_restored`). */
  activity: ActivityType = ACTIVITY_OF[event],
): Promise<void> {
  const info = described ?? (await describeNode(ctx.db, node));
  const details = "fromPath" in extra ? { from: (extra as { fromPath: string }).fromPath } : undefined;
  await recordActivity(ctx.db, [{ userId: node.ownerId, actorId: ctx.actorId, type: activity, fileId: node.id, path: info.path, details }]);
  const payload = { ...extra, env: ctx.env, actorId: ctx.actorId, waitUntil: ctx.waitUntil, node: info } as unknown as CoreEvents[E];
  ctx.waitUntil(runHooks(ctx.hooks, event, payload));
}
