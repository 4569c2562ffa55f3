import type { Db } from "../../../workers/db/client";
import { ApiError } from "../../../workers/http/errors";
import { mimeOf } from "../../../workers/storage/mime";
import type { FileService } from "../../../workers/storage/service";
import { childNamed, nodeById, type FileNode } from "../../../workers/storage/tree";

/**
 * A document's pictures live in a hidden folder beside it, `.attachments.<docId>/`, and the Markdown
 * points at them by that relative path: Nextcloud Text's convention, so a desktop sync of the folder
 * shows the same pictures next to the same text.
 */
export const attachmentFolderName = (docId: number) => `.attachments.${docId}`;

/** Picture types a document may hold. */
const ATTACHMENT_TYPES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/svg+xml"]);

export const isAttachmentName = (name: string) => ATTACHMENT_TYPES.has(mimeOf(name));

export const notAnImage = () => new ApiError(415, "not_an_image", "Only pictures (png, jpeg, gif, webp, avif, svg) can be inserted in a document");

/** The Markdown `src` of an attachment: relative to the document, the name percent-encoded so spaces survive Markdown. */
export const attachmentSrc = (docId: number, name: string) => `${attachmentFolderName(docId)}/${encodeURIComponent(name)}`;

/** The attachment name an image `src` of the document points at, or null for anything else (other folders, URLs). */
export function attachmentNameOf(docId: number, src: string): string | null {
  const prefix = `${attachmentFolderName(docId)}/`;
  const rest = src.startsWith(`./${prefix}`) ? src.slice(2 + prefix.length) : src.startsWith(prefix) ? src.slice(prefix.length) : null;
  if (!rest || rest.includes("/")) return null;
  try {
    return decodeURIComponent(rest);
  } catch {
    return rest;
  }
}

/** The document's attachment folder, if it has one. Read as the system: access was granted on the document. */
export async function attachmentFolderOf(db: Db, doc: FileNode): Promise<FileNode | undefined> {
  if (doc.parentId === null) return undefined;
  const folder = await childNamed(db, doc.parentId, attachmentFolderName(doc.id));
  return folder?.isFolder ? folder : undefined;
}

export async function attachmentOf(db: Db, doc: FileNode, name: string): Promise<FileNode | undefined> {
  const folder = await attachmentFolderOf(db, doc);
  const file = folder ? await childNamed(db, folder.id, name) : undefined;
  return file && !file.isFolder ? file : undefined;
}

/** The attachment folder, created on first use. */
export async function ensureAttachmentFolder(files: FileService, doc: FileNode): Promise<FileNode> {
  const existing = await attachmentFolderOf(files.db, doc);
  if (existing) return existing;
  const parent = doc.parentId === null ? undefined : await nodeById(files.db, doc.parentId);
  if (!parent) throw new ApiError(409, "conflict", "The document's folder is gone");
  try {
    return await files.createFolder(parent, attachmentFolderName(doc.id));
  } catch (error) {
    // Made by a concurrent insert meanwhile: use that one.
    const made = await attachmentFolderOf(files.db, doc);
    if (made) return made;
    throw error;
  }
}
