import { entriesFor, recordActivity, type ActivityEntry } from "../activity/record";
import type { ActivityType } from "../activity/event-types";
import type { Db } from "../db/client";
import type { Env } from "../env";
import { runHooks, type CoreEventName, type CoreEvents, type FileEventNode, type HookSubscriber } from "../plugin/hooks";
import { audienceOf, type Audience } from "../sharing/audience";
import type { TrashEntry } from "./trash";
import { namesOf, type FileNode } from "./tree";

export interface EventContext {
  db: Db;
  env: Env;
  actorId: string | null;
  hooks: readonly HookSubscriber[];
  waitUntil: (promise: Promise<unknown>) => void;
}

/** Events with an activity entry; a share records its own, and a purge none (the deletion already did). */
type RecordedEvent = Exclude<CoreEventName, "fileShared" | "filePurged">;

const ACTIVITY_OF: Record<RecordedEvent, ActivityType> = {
  fileCreated: "file_created",
  fileChanged: "file_changed",
  fileMoved: "file_moved",
  fileDeleted: "file_deleted",
};

export async function describeNode(db: Db, node: FileNode): Promise<FileEventNode> {
  return describedAt(node, await namesOf(db, node));
}

const describedAt = (node: FileNode, names: readonly string[]): FileEventNode => ({ id: node.id, path: `/${names.join("/")}`, name: node.name, mime: node.mime, size: node.size, etag: node.etag });

/** The path plugins are told: below the node's tree's root. */
export const treePath = (audience: Audience) => `/${audience.treeNames.join("/")}`;

type Extra<E extends CoreEventName> = Omit<CoreEvents[E], "env" | "actorId" | "waitUntil" | "node">;

export interface EmitOptions {
  /** Who reached the node before a delete or a move (audienceOf, asked first): a deleted node has no place left to ask about. */
  before?: Audience;
  /** The activity to record when it is not the event's own (a restore is recorded as `file_restored`). */
  activity?: ActivityType;
}

/**
 * After a change: an activity entry in the stream of everyone who reaches the node (its owner, the
 * members of its space, the recipients of shares on it or above it), each with the node's path in
 * their own view; then the plugins' hooks. A move is a move for those who see the node before and
 * after, a deletion for those who lost it and a creation for those who gained it, so that nobody
 * learns a path they cannot see. Hooks run after the response when the runtime allows, so a slow
 * plugin never slows a sync client down.
 */
export async function emitFileEvent<E extends RecordedEvent>(
  ctx: EventContext,
  event: E,
  node: FileNode,
  extra: Extra<E>,
  options: EmitOptions = {},
): Promise<void> {
  const type = options.activity ?? ACTIVITY_OF[event];
  const base = { actorId: ctx.actorId, fileId: node.id };
  let info: FileEventNode;
  let entries: ActivityEntry[];
  if (event === "fileDeleted") {
    const before = options.before ?? (await audienceOf(ctx.db, node.id));
    info = describedAt(node, before.treeNames);
    entries = entriesFor(before, { ...base, type });
  } else {
    const after = await audienceOf(ctx.db, node.id);
    info = describedAt(node, after.treeNames);
    entries = event === "fileMoved" && options.before ? movedEntries(options.before, after, base) : entriesFor(after, { ...base, type });
  }
  await recordActivity(ctx.db, entries);
  const payload = { ...extra, env: ctx.env, actorId: ctx.actorId, waitUntil: ctx.waitUntil, node: info } as unknown as CoreEvents[E];
  ctx.waitUntil(runHooks(ctx.hooks, event, payload));
}

function movedEntries(before: Audience, after: Audience, base: { actorId: string | null; fileId: number }): ActivityEntry[] {
  const entries: ActivityEntry[] = [];
  for (const [userId, path] of after.paths) {
    const from = before.paths.get(userId);
    entries.push(from === undefined ? { ...base, userId, path, type: "file_created" } : { ...base, userId, path, type: "file_moved", details: { from } });
  }
  for (const [userId, path] of before.paths) if (!after.paths.has(userId)) entries.push({ ...base, userId, path, type: "file_deleted" });
  return entries;
}

/** After an item of a trash was deleted for good: the plugins' hooks, and no activity (its deletion was recorded). */
export function emitPurged(ctx: EventContext, { node, item }: TrashEntry): void {
  const info: FileEventNode = { id: node.id, path: `/${item.originalPath}`, name: node.name, mime: node.mime, size: node.size, etag: node.etag };
  const payload: CoreEvents["filePurged"] = { env: ctx.env, actorId: ctx.actorId, waitUntil: ctx.waitUntil, node: info, ownerId: item.ownerId, fromParentId: item.originalParentId };
  ctx.waitUntil(runHooks(ctx.hooks, "filePurged", payload));
}
