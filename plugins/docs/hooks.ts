import type { Env } from "../../workers/env";
import type { HookHandlers } from "../../workers/plugin/hooks";
import { documentFilesFor, type DocsRoom } from "./room";

const isMarkdown = (name: string) => name.toLowerCase().endsWith(".md");

function roomOf(env: Env, fileId: number) {
  const namespace = env.DOCS_ROOM as DurableObjectNamespace<DocsRoom>;
  return namespace.get(namespace.idFromName(`docs:${fileId}`));
}

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
