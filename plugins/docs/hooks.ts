import type { HookHandlers } from "../../workers/plugin/hooks";
import { attachmentsFollowCopy, attachmentsFollowDelete, attachmentsFollowMove, attachmentsFollowPurge, attachmentsFollowRestore } from "./attachments/follow-document";
import { isMarkdownName as isMarkdown } from "./document-access";
import { documentFilesFor } from "./room";
import { docsRoomOf as roomOf } from "./room-stub";

/** Keeps live documents, and their pictures, in step with their files when something else changes them. */
export const docsHooks: HookHandlers = {
  async fileChanged({ env, node, previousEtag }) {
    if (!isMarkdown(node.name)) return;
    const file = await documentFilesFor(env).read(node.id);
    // Changed again since this event: what it replaced is no longer known here.
    if (file) await roomOf(env, node.id).mergeExternal(file.text, file.etag, file.etag === node.etag ? previousEtag : undefined);
  },
  async fileCreated({ env, node, actorId, copiedFromId }) {
    if (!isMarkdown(node.name)) return;
    if (copiedFromId !== undefined) return attachmentsFollowCopy(env, actorId, node.id, copiedFromId);
    // A document restored from the trash keeps its id: its pictures may be in the trash too.
    await attachmentsFollowRestore(env, actorId, node.id);
  },
  async fileMoved({ env, node, actorId, fromParentId }) {
    if (isMarkdown(node.name)) await attachmentsFollowMove(env, actorId, node.id, fromParentId);
  },
  async fileDeleted({ env, node, actorId }) {
    if (!isMarkdown(node.name)) return;
    // Independent: pictures still go to the trash if the room cannot be reached, and the other way round.
    const done = await Promise.allSettled([roomOf(env, node.id).close("The document was deleted"), attachmentsFollowDelete(env, actorId, node.id)]);
    for (const result of done) if (result.status === "rejected") throw result.reason;
  },
  async filePurged({ env, node, actorId, ownerId, fromParentId }) {
    if (isMarkdown(node.name)) await attachmentsFollowPurge(env, actorId, node.id, ownerId, fromParentId);
  },
};
