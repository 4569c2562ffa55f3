import type { HookHandlers } from "../../workers/plugin/hooks";
import { isMarkdownName as isMarkdown } from "./document-access";
import { documentFilesFor } from "./room";
import { docsRoomOf as roomOf } from "./room-stub";

/** Keeps live documents in step with their files when something else changes them. */
export const docsHooks: HookHandlers = {
  async fileChanged({ env, node }) {
    if (!isMarkdown(node.name)) return;
    const file = await documentFilesFor(env).read(node.id);
    if (file) await roomOf(env, node.id).mergeExternal(file.text, file.etag);
  },
  async fileDeleted({ env, node }) {
    if (isMarkdown(node.name)) await roomOf(env, node.id).close("The document was deleted");
  },
};
