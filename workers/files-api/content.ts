import type { Context } from "hono";
import type { AppEnv } from "../http/app-env";
import { ApiError, notFound } from "../http/errors";
import type { FileService } from "../storage/service";
import type { FileNode } from "../storage/tree";
import { parseRange } from "../webdav/transfer";

/**
 * Types a browser may show in a page of ours without running anything of the file's: pictures (never
 * SVG, which holds scripts), PDF (the browser's own viewer), plain sound and video. HTML, SVG, XML and
 * everything else stay downloads whatever the asker wants.
 */
const SAFE_INLINE = new Set([
  "image/png",
  "image/jpeg",
  "image/gif",
  "image/webp",
  "image/avif",
  "image/bmp",
  "application/pdf",
  "audio/mpeg",
  "audio/ogg",
  "audio/wav",
  "audio/webm",
  "video/mp4",
  "video/webm",
  "video/ogg",
]);

export const isSafeInline = (mime: string) => SAFE_INLINE.has(mime.split(";")[0]!.trim().toLowerCase());

/**
 * A file's bytes as a download, with the same single-range support as a WebDAV GET. With `inline`,
 * a type that is safe in a page is served for the browser to show (the web app's image and PDF viewers).
 */
export async function downloadResponse(c: Context<AppEnv>, files: FileService, node: FileNode, inline = false): Promise<Response> {
  if (node.isFolder) throw new ApiError(400, "is_folder", "A folder has no content to download");
  const range = parseRange(c.req.header("Range"), node.size);
  const disposition = inline && isSafeInline(node.mime) ? "inline" : "attachment";
  const headers: Record<string, string> = {
    "Content-Type": node.mime,
    ETag: `"${node.etag}"`,
    "Last-Modified": new Date(node.mtime * 1000).toUTCString(),
    "Accept-Ranges": "bytes",
    // RFC 5987: any name survives, accents and quotes included.
    "Content-Disposition": `${disposition}; filename*=UTF-8''${encodeURIComponent(node.name)}`,
    "Cache-Control": "private, no-cache",
  };
  if (range === "unsatisfiable") return new Response(null, { status: 416, headers: { ...headers, "Content-Range": `bytes */${node.size}` } });
  const object = await files.read(node, range ?? undefined);
  if (!object) throw notFound("The file's content is missing");
  if (range) {
    const end = range.offset + range.length - 1;
    return new Response(object.body, { status: 206, headers: { ...headers, "Content-Range": `bytes ${range.offset}-${end}/${node.size}`, "Content-Length": String(range.length) } });
  }
  return new Response(object.body, { status: 200, headers: { ...headers, "Content-Length": String(node.size) } });
}

/** The declared length of an upload: required, since quota is checked before any byte is stored. */
export function uploadLength(c: Context<AppEnv>): number {
  const header = c.req.header("Content-Length");
  if (header === undefined) throw new ApiError(411, "length_required", "Content-Length is required");
  const length = Number(header);
  if (!/^\d+$/.test(header.trim()) || !Number.isSafeInteger(length)) throw new ApiError(400, "bad_length", "Invalid Content-Length");
  return length;
}
