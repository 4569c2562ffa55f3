import type { Context } from "hono";
import type { AppEnv } from "../../http/app-env";
import { notFound } from "../../http/errors";

/** The request's path after its first `prefixSegments` segments, still percent-encoded. */
export function restOfPath(c: Context<AppEnv>, prefixSegments: number): string {
  const raw = new URL(c.req.url).pathname.replace(/\/{2,}/g, "/");
  return raw.split("/").slice(prefixSegments + 1).join("/");
}

export function davOptions(allow: string): Response {
  return new Response(null, { status: 200, headers: { DAV: "1, 2, 3", Allow: allow, "MS-Author-Via": "DAV", "Content-Length": "0" } });
}

/** Streams stored bytes (a trashed file, a version); no Range, which these doors do not need. */
export async function streamBlob(c: Context<AppEnv>, blob: { key: string; size: number; mime: string; etag: string; mtime: number; name: string }, head: boolean): Promise<Response> {
  const headers = {
    "Content-Type": blob.mime,
    "Content-Length": String(blob.size),
    ETag: `"${blob.etag}"`,
    "Last-Modified": new Date(blob.mtime * 1000).toUTCString(),
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(blob.name)}`,
  };
  if (head) return new Response(null, { status: 200, headers });
  const object = await c.env.FILES.get(blob.key);
  if (!object) throw notFound("The content is gone");
  return new Response(object.body, { status: 200, headers });
}

export function streamNode(c: Context<AppEnv>, node: { blobKey: string | null; isFolder: boolean; size: number; mime: string; etag: string; mtime: number; name: string }, head: boolean): Promise<Response> {
  if (node.isFolder || !node.blobKey) throw notFound("Folders cannot be downloaded");
  return streamBlob(c, { ...node, key: node.blobKey }, head);
}
