import type { Context } from "hono";
import { requireAuth } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";
import { badRequest, notFound } from "../http/errors";
import { multistatus, responseXml, type PropValue } from "../webdav/multistatus";
import { jsonObjectBody, methodNotAllowed, objectPropfind, objectResponse, options, segmentsAfter } from "../webdav/object-properties";
import { ALLPROP_REQUEST } from "../webdav/prop-request";
import { child, DAV_NS, escapeXml, OC_NS, parseXml } from "../webdav/xml";
import { CommentService, type CommentView } from "./service";

export const COMMENTS_BASE = "/remote.php/dav/comments";

const httpDate = (seconds: number) => new Date(seconds * 1000).toUTCString();
const oc = (local: string, value: string): PropValue => ({ ns: OC_NS, local, value });
const collection: PropValue = { ns: DAV_NS, local: "resourcetype", value: "<d:collection/>" };

/** A comment's properties, as Nextcloud's CommentNode names them. */
function commentProps(comment: CommentView): PropValue[] {
  return [
    { ns: DAV_NS, local: "resourcetype", value: "" },
    oc("id", String(comment.id)),
    oc("parentId", "0"),
    oc("topmostParentId", "0"),
    oc("childrenCount", "0"),
    oc("verb", "comment"),
    oc("actorType", "users"),
    oc("actorId", escapeXml(comment.actorId)),
    oc("creationDateTime", httpDate(comment.createdAt)),
    oc("latestChildDateTime", ""),
    oc("objectType", "files"),
    oc("objectId", String(comment.fileId)),
    oc("referenceId", ""),
    oc("mentions", ""),
    oc("reactions", ""),
    oc("message", escapeXml(comment.message)),
    oc("actorDisplayName", escapeXml(comment.actorDisplayName)),
    oc("isUnread", comment.isUnread ? "true" : "false"),
  ];
}

const id = (segment: string | undefined) => (segment !== undefined && /^[0-9]{1,15}$/.test(segment) ? Number(segment) : undefined);

/** `/remote.php/dav/comments/files/{fileId}[/{commentId}]`: comments on a file (Nextcloud's apps/dav Comments). */
export async function commentsDav(c: Context<AppEnv>): Promise<Response> {
  const user = requireAuth(c).user;
  const service = new CommentService(c.var.db, user);
  const method = c.req.method.toUpperCase();
  const segments = segmentsAfter(c.req.url, COMMENTS_BASE);
  if (!segments || segments.length > 3) throw notFound();
  if (segments.length < 2) {
    if (method === "OPTIONS") return options("OPTIONS, PROPFIND");
    if (segments.length === 1 && segments[0] !== "files") throw notFound();
    if (method !== "PROPFIND") throw methodNotAllowed(method, "OPTIONS, PROPFIND");
    const href = segments.length === 0 ? `${COMMENTS_BASE}/` : `${COMMENTS_BASE}/files/`;
    // Listing the files that have comments would reveal other people's files: the collection stays empty.
    return objectPropfind(c.req.raw, { href, props: [collection] }, async () => []);
  }
  if (segments[0] !== "files") throw notFound();
  const fileId = id(segments[1]);
  if (fileId === undefined) throw notFound("No such file");
  const fileHref = `${COMMENTS_BASE}/files/${fileId}`;
  return segments.length === 2 ? fileComments(c, service, fileId, fileHref, method) : oneComment(c, service, fileId, fileHref, segments[2]!, method);
}

async function fileComments(c: Context<AppEnv>, service: CommentService, fileId: number, fileHref: string, method: string): Promise<Response> {
  const commentHref = (comment: CommentView) => `${fileHref}/${comment.id}`;
  switch (method) {
    case "OPTIONS":
      return options("OPTIONS, PROPFIND, PROPPATCH, POST, REPORT");
    case "POST": {
      const body = await jsonObjectBody(c.req.raw);
      if (body.actorType !== "users") throw badRequest("Invalid actor type", "invalid_input");
      if (body.verb !== undefined && body.verb !== "comment") throw badRequest("Invalid verb", "invalid_input");
      if (typeof body.message !== "string") throw badRequest("message is required", "invalid_input");
      const comment = await service.post(fileId, body.message);
      return new Response(null, { status: 201, headers: { "Content-Location": commentHref(comment) } });
    }
    case "REPORT": {
      const page = readFilter(await c.req.text());
      const comments = await service.list(fileId, page);
      return multistatus(comments.map((comment) => objectResponse(commentHref(comment), commentProps(comment), ALLPROP_REQUEST)));
    }
    case "PROPFIND": {
      const comments = await service.list(fileId);
      const readAt = await service.readMarker(fileId);
      const self = [collection, oc("readMarker", readAt === null ? "" : httpDate(readAt))];
      return objectPropfind(c.req.raw, { href: `${fileHref}/`, props: self }, async () =>
        comments.map((comment) => ({ href: commentHref(comment), props: commentProps(comment) })),
      );
    }
    case "PROPPATCH": {
      const marker = readPatch(await c.req.text(), "readMarker");
      // The web UI sends a date (`Date.toUTCString()`); an empty marker means "now".
      const millis = marker.trim() === "" ? Date.now() : Date.parse(marker);
      if (!Number.isFinite(millis)) throw badRequest("readMarker must be a date", "invalid_input");
      await service.markRead(fileId, Math.floor(millis / 1000));
      return multistatus([responseXml(`${fileHref}/`, [{ status: 200, props: [oc("readMarker", "")] }])]);
    }
    default:
      throw methodNotAllowed(method, "OPTIONS, PROPFIND, PROPPATCH, POST, REPORT");
  }
}

async function oneComment(c: Context<AppEnv>, service: CommentService, fileId: number, fileHref: string, segment: string, method: string): Promise<Response> {
  const commentId = id(segment);
  if (commentId === undefined) throw notFound("No such comment");
  const href = `${fileHref}/${commentId}`;
  switch (method) {
    case "OPTIONS":
      return options("OPTIONS, PROPFIND, PROPPATCH, DELETE");
    case "PROPFIND": {
      const comment = await service.get(fileId, commentId);
      return objectPropfind(c.req.raw, { href, props: commentProps(comment) }, async () => []);
    }
    case "PROPPATCH": {
      const message = readPatch(await c.req.text(), "message");
      await service.edit(fileId, commentId, message);
      return multistatus([responseXml(href, [{ status: 200, props: [oc("message", "")] }])]);
    }
    case "DELETE":
      await service.remove(fileId, commentId);
      return new Response(null, { status: 204 });
    default:
      throw methodNotAllowed(method, "OPTIONS, PROPFIND, PROPPATCH, DELETE");
  }
}

/** `<oc:filter-comments>` with `<oc:limit>`, `<oc:offset>` and `<oc:datetime>`, all optional. */
function readFilter(body: string): { limit?: number; offset?: number; after?: number } {
  const root = parseXml(body);
  if (!root || root.ns !== OC_NS || root.local !== "filter-comments") throw badRequest("Expected an oc:filter-comments body", "invalid_xml");
  const count = (local: string) => {
    const text = child(root, OC_NS, local)?.text.trim();
    if (text === undefined || text === "") return undefined;
    if (!/^[0-9]{1,9}$/.test(text)) throw badRequest(`${local} must be a non-negative integer`, "invalid_input");
    return Number(text);
  };
  const datetime = child(root, OC_NS, "datetime")?.text.trim();
  let after: number | undefined;
  if (datetime) {
    const millis = Date.parse(datetime);
    if (!Number.isFinite(millis)) throw badRequest("datetime must be a date", "invalid_input");
    after = Math.floor(millis / 1000);
  }
  return { limit: count("limit"), offset: count("offset"), after };
}

/** The one writable property of a PROPPATCH (a comment's message, a collection's read marker). */
function readPatch(body: string, local: string): string {
  const root = parseXml(body);
  if (!root || root.ns !== DAV_NS || root.local !== "propertyupdate") throw badRequest("Expected a DAV:propertyupdate body", "invalid_xml");
  for (const set of root.children.filter((a) => a.ns === DAV_NS && a.local === "set")) {
    for (const prop of set.children.filter((p) => p.ns === DAV_NS && p.local === "prop")) {
      const found = child(prop, OC_NS, local);
      if (found) return found.text;
    }
  }
  throw badRequest(`Expected oc:${local} in the update`, "invalid_input");
}
