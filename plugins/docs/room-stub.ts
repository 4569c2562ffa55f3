import type { Env } from "../../workers/env";
import type { DocsRoom } from "./room";

/** The name of a document's live room, one per file: it keys the Durable Object and scopes its tokens. */
export const docsRoomName = (fileId: number) => `docs:${fileId}`;

/** The live room of a document, keyed by its file id. */
export function docsRoomOf(env: Env, fileId: number): DurableObjectStub<DocsRoom> {
  const namespace = env.DOCS_ROOM as DurableObjectNamespace<DocsRoom>;
  return namespace.get(namespace.idFromName(docsRoomName(fileId)));
}

/**
 * Asks the document's room to write its latest text to the file now, so that an export or a snapshot
 * sees what people typed a moment ago. A room that cannot answer leaves the file as it is: the caller
 * still gets the last saved text rather than an error.
 */
export async function flushDocument(env: Env, fileId: number): Promise<void> {
  try {
    await docsRoomOf(env, fileId).writeBack();
  } catch (error) {
    console.error(`[docs] write-back of document ${fileId} before reading it failed`, error);
  }
}
