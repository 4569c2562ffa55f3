import type { FileService } from "../../../workers/storage/service";
import { mimeOf } from "../../../workers/storage/mime";
import type { FileNode } from "../../../workers/storage/tree";
import { attachmentOf, isAttachmentName } from "./folder";

/**
 * One of the document's pictures, or null when its attachment folder holds no such picture. Read
 * as the system: the caller checked access to the document, which grants its pictures.
 */
export async function attachmentResponse(files: FileService, doc: FileNode, name: string): Promise<Response | null> {
  const file = await attachmentOf(files.db, doc, name);
  const object = file ? await files.read(file) : null;
  if (!file || !object) return null;
  return new Response(object.body, { headers: attachmentHeaders(file.name, file.size, file.etag) });
}

/**
 * A picture as a picture, never as a page: its type comes from its name (never sniffed), and SVG, which
 * may carry scripts, is a sandboxed download that an `<img>` still shows.
 */
function attachmentHeaders(name: string, size: number, etag: string): Record<string, string> {
  const mime = isAttachmentName(name) ? mimeOf(name) : "application/octet-stream";
  const inline = mime !== "image/svg+xml" && mime !== "application/octet-stream";
  return {
    "Content-Type": mime,
    "Content-Length": String(size),
    ETag: `"${etag}"`,
    "Content-Disposition": `${inline ? "inline" : "attachment"}; filename*=UTF-8''${encodeURIComponent(name)}`,
    "X-Content-Type-Options": "nosniff",
    "Content-Security-Policy": "default-src 'none'; style-src 'unsafe-inline'; sandbox",
    "Cache-Control": "private, no-cache",
  };
}
