import { ApiError, conflict, notFound } from "../http/errors";
import { expectedSha1 } from "../storage/upload";
import { assertMayPut } from "./authorize";
import type { Dav } from "./context";
import { assertUnlocked } from "./guard";
import { ocMtime } from "./mtime";
import { identityHeaders } from "./identity";
import { nodeById } from "../storage/tree";

const quoted = (etag: string) => `"${etag}"`;

export function matches(header: string | undefined, etag: string): boolean {
  if (!header) return false;
  return header.split(",").some((t) => t.trim() === "*" || t.trim().replace(/^W\//, "") === quoted(etag));
}


/** GET and HEAD, with Range (sync clients resume with it) and If-Match / If-None-Match. */
export async function handleGet(dav: Dav, head: boolean): Promise<Response> {
  const node = dav.node;
  if (!node) throw notFound("No such file or folder");
  const identity = await identityHeaders(dav, node);
  const lastModified = new Date(node.mtime * 1000).toUTCString();
  if (node.isFolder) return new Response(head ? null : "", { status: 200, headers: { ...identity, "Content-Type": "httpd/unix-directory" } });
  const ifMatch = dav.c.req.header("If-Match");
  if (ifMatch && !matches(ifMatch, node.etag)) throw new ApiError(412, "precondition_failed", "The file has changed");
  if (matches(dav.c.req.header("If-None-Match"), node.etag)) return new Response(null, { status: 304, headers: identity });

  const range = parseRange(dav.c.req.header("Range"), node.size);
  if (range === "unsatisfiable") {
    return new Response(null, { status: 416, headers: { ...identity, "Content-Range": `bytes */${node.size}` } });
  }
  const headers: Record<string, string> = {
    ...identity,
    "Content-Type": node.mime,
    "Last-Modified": lastModified,
    "Accept-Ranges": "bytes",
    "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(node.name)}`,
  };
  if (head) return new Response(null, { status: 200, headers: { ...headers, "Content-Length": String(node.size) } });
  const object = await dav.files.read(node, range ?? undefined);
  if (!object) throw notFound("The file's content is missing");
  if (range) {
    const end = range.offset + range.length - 1;
    return new Response(object.body, { status: 206, headers: { ...headers, "Content-Range": `bytes ${range.offset}-${end}/${node.size}`, "Content-Length": String(range.length) } });
  }
  return new Response(object.body, { status: 200, headers: { ...headers, "Content-Length": String(node.size) } });
}

/** One byte range (`bytes=a-b`, `bytes=a-`, `bytes=-n`); several ranges are answered in full, as RFC 9110 allows. */
export function parseRange(header: string | undefined, size: number): { offset: number; length: number } | null | "unsatisfiable" {
  const match = /^bytes=(\d*)-(\d*)$/.exec(header?.trim() ?? "");
  if (!match || (match[1] === "" && match[2] === "")) return null;
  if (match[1] === "") {
    const length = Math.min(Number(match[2]), size);
    return length === 0 ? "unsatisfiable" : { offset: size - length, length };
  }
  const offset = Number(match[1]);
  if (offset >= size) return "unsatisfiable";
  const end = match[2] === "" ? size - 1 : Math.min(Number(match[2]), size - 1);
  if (end < offset) return null;
  return { offset, length: end - offset + 1 };
}

/** PUT: stream the body to storage; 201 for a new file, 204 for a replaced one. */
export async function handlePut(dav: Dav): Promise<Response> {
  const name = dav.names[dav.names.length - 1];
  if (!name) throw new ApiError(405, "is_folder", "Cannot PUT to the root folder");
  if (dav.node?.isFolder) throw new ApiError(405, "is_folder", "A folder has this name");
  const parent = dav.node ? undefined : dav.parent;
  if (!dav.node && !parent) throw conflict("The parent folder does not exist");
  assertMayPut(dav.location);
  await assertUnlocked(dav, [dav.node, parent]);
  const ifMatch = dav.c.req.header("If-Match");
  if (ifMatch && !(dav.node && matches(ifMatch, dav.node.etag))) throw new ApiError(412, "precondition_failed", "The file has changed");
  if (dav.c.req.header("If-None-Match") === "*" && dav.node) throw new ApiError(412, "precondition_failed", "The file exists");
  const lengthHeader = dav.c.req.header("Content-Length") ?? dav.c.req.header("OC-Total-Length");
  if (lengthHeader === undefined) throw new ApiError(411, "length_required", "Content-Length is required");
  const length = Number(lengthHeader);
  if (!Number.isSafeInteger(length) || length < 0) throw new ApiError(400, "bad_length", "Invalid Content-Length");
  const mtime = ocMtime(dav.c.req.header("X-OC-Mtime"));
  const target = dav.node ? await nodeById(dav.db, dav.node.parentId!) : parent;
  if (!target) throw conflict("The parent folder does not exist");
  const { node, created } = await dav.files.write({
    parent: target,
    name,
    body: dav.c.req.raw.body,
    length,
    mtime,
    expectedSha1: expectedSha1(dav.c.req.header("OC-Checksum")),
  });
  const headers: Record<string, string> = await identityHeaders(dav, node);
  if (mtime !== undefined) headers["X-OC-MTime"] = "accepted";
  return new Response(null, { status: created ? 201 : 204, headers });
}
