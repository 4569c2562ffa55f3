import type { ActivityEntry } from "../activity/record";
import { recordActivity } from "../activity/record";
import type { Db } from "../db/client";
import { runHooks } from "../plugin/hooks";
import { describeNode, type EventContext } from "../storage/events";
import { namesOf, type FileNode } from "../storage/tree";
import { groupMemberIds } from "./share-queries";
import { EMAIL_SHARE, GROUP_SHARE, USER_SHARE, type Share } from "./share-store";

/** The accounts a user or group share reaches (a group's enabled members), never its initiator. */
export async function recipientsOf(db: Db, share: Share): Promise<string[]> {
  if (share.shareWith === null) return [];
  const ids = share.shareType === USER_SHARE ? [share.shareWith] : share.shareType === GROUP_SHARE ? await groupMemberIds(db, share.shareWith) : [];
  return ids.filter((id) => id !== share.initiatorId);
}

/**
 * "shared" or "unshared" in the streams of the node's owner, the one who acted (at `actorPath`, their
 * view's path) and each recipient (at the mount's name in their root). An e-mail share has no account
 * to tell: its row in the actor's stream carries `mailTo`, the address the share's e-mail goes to.
 * A new share is also announced to plugins (fileShared).
 */
export async function recordShareActivity(ctx: EventContext, type: "shared" | "unshared", share: Share, node: FileNode, actorPath: string): Promise<void> {
  const details = {
    shareId: share.id,
    shareType: share.shareType,
    shareWith: share.shareWith,
    permissions: share.permissions,
    ...(share.shareType === EMAIL_SHARE ? { mailTo: share.shareWith, token: share.token } : {}),
  };
  const entries = new Map<string, ActivityEntry>();
  const add = (userId: string, path: string) => {
    if (!entries.has(userId)) entries.set(userId, { userId, actorId: ctx.actorId, type, fileId: node.id, path, details });
  };
  if (ctx.actorId) add(ctx.actorId, actorPath);
  // A space's holder account has no stream anyone reads; its managers see their own actions.
  if (node.spaceId === null) add(node.ownerId, `/${(await namesOf(ctx.db, node)).join("/")}`);
  add(share.initiatorId, `/${node.name}`);
  for (const id of await recipientsOf(ctx.db, share)) add(id, `/${node.name}`);
  await recordActivity(ctx.db, [...entries.values()]);
  if (type === "shared") {
    const payload = { env: ctx.env, actorId: ctx.actorId, waitUntil: ctx.waitUntil, node: await describeNode(ctx.db, node), shareId: share.id, shareType: share.shareType, shareWith: share.shareWith };
    ctx.waitUntil(runHooks(ctx.hooks, "fileShared", payload));
  }
}
