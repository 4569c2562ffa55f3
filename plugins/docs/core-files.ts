import { createDb } from "../../workers/db/client";
import type { Env } from "../../workers/env";
import { actingUserOf } from "../../workers/sharing/public/link-principal";
import { fileAccess } from "../../workers/storage/access";
import { systemFileService } from "../../workers/storage/system";
import { nodeById } from "../../workers/storage/tree";
import type { DocumentFiles } from "./document-files";
import { textBody } from "./text-body";

/** The documents plugin's view of the core file service. */
export function coreDocumentFiles(env: Env): DocumentFiles {
  return {
    async read(fileId) {
      const files = systemFileService(env, null);
      const node = await nodeById(files.db, fileId);
      if (!node || node.isFolder) return null;
      const object = await files.read(node);
      return { text: object ? await object.text() : "", etag: node.etag };
    },
    async writeVersion(fileId, text, actorId) {
      // Typed through a public link: written as its initiator, like any write through the link.
      const actor = await actingUserOf(createDb(env.DB), actorId);
      const files = systemFileService(env, actor);
      const node = await nodeById(files.db, fileId);
      const parent = node?.parentId ? await nodeById(files.db, node.parentId) : undefined;
      if (!node || !parent) throw new Error(`document ${fileId} no longer exists`);
      const { node: written } = await files.write({ parent, name: node.name, ...textBody(text) });
      return { etag: written.etag };
    },
    async accessOf(fileId, userId) {
      return (await fileAccess(systemFileService(env, null).db, userId, fileId))?.access ?? null;
    },
  };
}
