import type { Node } from "prosemirror-model";
import type { FileService } from "../../../workers/storage/service";
import type { FileNode } from "../../../workers/storage/tree";
import { attachmentNameOf, attachmentOf, isAttachmentName } from "../attachments/folder";

export interface LoadedImage {
  bytes: Uint8Array;
  mime: string;
}

/** Pictures put into one export, all together; past this the rest keep only their alt text. */
const MAX_EMBEDDED_BYTES = 25 * 1024 * 1024;

/** The `src` of every picture in a document. */
export function imageSources(doc: Node): string[] {
  const sources = new Set<string>();
  doc.descendants((node) => {
    if (node.type.name === "image" && typeof node.attrs.src === "string") sources.add(node.attrs.src);
  });
  return [...sources];
}

/**
 * The document's own pictures (those in its attachment folder) by `src`, so that an export carries
 * them inside. Read as the system: the caller's access to the document was checked.
 */
export async function loadAttachedImages(files: FileService, doc: FileNode, sources: readonly string[]): Promise<Map<string, LoadedImage>> {
  const loaded = new Map<string, LoadedImage>();
  let total = 0;
  for (const src of sources) {
    const name = attachmentNameOf(doc.id, src);
    if (!name || !isAttachmentName(name)) continue;
    const file = await attachmentOf(files.db, doc, name);
    if (!file || total + file.size > MAX_EMBEDDED_BYTES) continue;
    const object = await files.read(file);
    if (!object) continue;
    total += file.size;
    loaded.set(src, { bytes: new Uint8Array(await object.arrayBuffer()), mime: file.mime });
  }
  return loaded;
}
