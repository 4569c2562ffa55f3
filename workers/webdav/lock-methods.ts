import { ApiError, badRequest, conflict } from "../http/errors";
import { namesOf, type FileNode } from "../storage/tree";
import { assertMayPut } from "./authorize";
import type { Dav } from "./context";
import { checkIfHeader, ifListsOf } from "./guard";
import { submittedTokens } from "./if-header";
import { activeLockXml, createLock, locksCovering, locksInside, parseTimeout, refreshLock, removeLock } from "./locks";
import { child, DAV_NS, parseXml, serializeContent } from "./xml";

function lockResponse(xml: string, status: number, token?: string): Response {
  const headers: Record<string, string> = { "Content-Type": "application/xml; charset=utf-8" };
  if (token) headers["Lock-Token"] = `<${token}>`;
  return new Response(`<?xml version="1.0" encoding="utf-8"?>\n<d:prop xmlns:d="DAV:"><d:lockdiscovery>${xml}</d:lockdiscovery></d:prop>\n`, { status, headers });
}

/**
 * LOCK: a new exclusive or shared write lock, or (with no body) a refresh of one named in the If header.
 * Locking a name that does not exist yet creates an empty file, as RFC 4918 §7.3 says.
 */
export async function handleLock(dav: Dav): Promise<Response> {
  const body = parseXml(await dav.c.req.text());
  const timeout = parseTimeout(dav.c.req.header("Timeout"));
  if (!body) {
    if (!dav.node) throw new ApiError(412, "precondition_failed", "Nothing to refresh here");
    const tokens = submittedTokens(ifListsOf(dav));
    const lock = (await locksCovering(dav.db, dav.node)).find((l) => tokens.includes(l.token));
    if (!lock) throw new ApiError(412, "precondition_failed", "No lock with that token here");
    const refreshed = await refreshLock(dav.db, lock, timeout);
    const root = await dav.db.query.fileNodes.findFirst({ where: (n, { eq: e }) => e(n.id, lock.nodeId) });
    return lockResponse(activeLockXml(refreshed, dav.href(root ? await namesOf(dav.db, root) : dav.names, root?.isFolder ?? false)), 200);
  }
  if (body.ns !== DAV_NS || body.local !== "lockinfo") throw badRequest("Expected a DAV:lockinfo body", "invalid_xml");
  const scope = child(body, DAV_NS, "lockscope");
  const exclusive = Boolean(child(scope, DAV_NS, "exclusive"));
  if (!exclusive && !child(scope, DAV_NS, "shared")) throw badRequest("lockscope must be exclusive or shared", "invalid_xml");
  if (!child(child(body, DAV_NS, "locktype"), DAV_NS, "write")) throw badRequest("Only write locks exist", "invalid_xml");
  const owner = child(body, DAV_NS, "owner");
  const depth = dav.c.req.header("Depth") ?? "infinity";
  if (depth !== "0" && depth !== "infinity") throw badRequest("Depth must be 0 or infinity", "invalid_depth");

  await checkIfHeader(dav, ifListsOf(dav));
  // A lock is a claim to write: it needs the right to change the item (or to add one, for a new name).
  assertMayPut(dav.location);
  let node: FileNode | undefined = dav.node;
  let created = false;
  if (!node) {
    const name = dav.names[dav.names.length - 1];
    if (!name || !dav.parent) throw conflict("The parent folder does not exist");
    await assertNoConflict(dav, dav.parent, exclusive, false);
    node = (await dav.files.write({ parent: dav.parent, name, body: null, length: 0 })).node;
    created = true;
  }
  await assertNoConflict(dav, node, exclusive, depth === "infinity");
  const lock = await createLock(dav.db, {
    nodeId: node.id,
    userId: dav.user.id,
    exclusive,
    deep: depth === "infinity" && node.isFolder,
    ownerXml: owner ? serializeContent(owner) : null,
    timeoutSeconds: timeout,
  });
  return lockResponse(activeLockXml(lock, dav.href(dav.names, node.isFolder)), created ? 201 : 200, lock.token);
}

/** An exclusive lock conflicts with any other; shared locks only with exclusive ones. */
async function assertNoConflict(dav: Dav, node: FileNode, exclusive: boolean, deep: boolean) {
  const existing = [...(await locksCovering(dav.db, node)), ...(deep && node.isFolder ? await locksInside(dav.db, node) : [])];
  if (existing.some((l) => exclusive || l.exclusive)) throw new ApiError(423, "locked", "The resource is already locked");
}

/** UNLOCK with the Lock-Token header: 204. */
export async function handleUnlock(dav: Dav): Promise<Response> {
  const token = /^<(.+)>$/.exec(dav.c.req.header("Lock-Token")?.trim() ?? "")?.[1];
  if (!token) throw badRequest("A Lock-Token header is required", "missing_lock_token");
  if (!dav.node) throw conflict("No such resource");
  const lock = (await locksCovering(dav.db, dav.node)).find((l) => l.token === token);
  if (!lock) throw conflict("That lock does not cover this resource");
  await removeLock(dav.db, token);
  return new Response(null, { status: 204 });
}

