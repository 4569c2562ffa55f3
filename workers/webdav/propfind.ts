import { ApiError, notFound } from "../http/errors";
import { children, namesOf, nodeById, type FileNode } from "../storage/tree";
import type { Dav } from "./context";
import { activeLockXml, locksCovering, locksOnChildren, type DavLock } from "./locks";
import { multistatus } from "./multistatus";
import { readPropfindBody, type PropRequest } from "./prop-request";
import { renderNodes } from "./render-nodes";
import { DAV_NS } from "./xml";

export async function handlePropfind(dav: Dav): Promise<Response> {
  const depth = dav.c.req.header("Depth") ?? "1";
  if (depth !== "0" && depth !== "1") throw new ApiError(403, "propfind_finite_depth", "Depth infinity is not supported; use 0 or 1");
  const request = readPropfindBody(await dav.c.req.text());
  const node = dav.node;
  if (!node) throw notFound("No such file or folder");
  const atRoot = dav.names.length === 0;
  const listing = depth === "1";
  // The listing, the mounts and the locks need only the folder: they go out together.
  const [members, mounts, rootEtag, lockRows] = await Promise.all([
    listing && node.isFolder ? (dav.view.children?.(node) ?? children(dav.db, node.id)) : [],
    atRoot && listing ? dav.view.mounts() : [],
    atRoot ? dav.view.rootEtag() : node.etag,
    wantsLocks(request) ? Promise.all([locksCovering(dav.db, node), listing && node.isFolder ? locksOnChildren(dav.db, node) : []]) : undefined,
  ]);
  const baseNames = dav.names;
  // The root's ETag covers the mounted trees too, and mounts show under the name they have in this view.
  const nodes: FileNode[] = [{ ...node, etag: rootEtag }, ...members, ...mounts.map((m) => ({ ...m.node, name: m.name }))];
  const entries = nodes.map((n, i) => ({ node: n, names: i === 0 ? baseNames : [...baseNames, n.name] }));
  const locks = lockRows ? lockDiscovery(dav, node, nodes, baseNames, ...lockRows) : undefined;
  return multistatus(await renderNodes(dav, entries, request, { locks, deadScope: { folderAndChildren: node } }));
}

function wantsLocks(request: PropRequest): boolean {
  return request.kind === "allprop" || (request.kind === "prop" && request.props.some((p) => p.ns === DAV_NS && p.local === "lockdiscovery"));
}

/** Each node's `<d:lockdiscovery>`, from the locks covering the folder and those on its children. */
async function lockDiscovery(dav: Dav, node: FileNode, nodes: FileNode[], baseNames: string[], covering: DavLock[], onChildren: DavLock[]): Promise<Map<number, string>> {
  const inherited = covering.filter((l) => l.deep);
  // Each lock names its root: the node it was taken on (an ancestor's is looked up; there are few).
  const roots = new Map<number, string>([[node.id, dav.href(baseNames, node.isFolder)]]);
  const locked = new Set(onChildren.map((l) => l.nodeId));
  for (const n of nodes.slice(1)) if (locked.has(n.id)) roots.set(n.id, dav.href([...baseNames, n.name], n.isFolder));
  for (const l of covering) {
    if (roots.has(l.nodeId)) continue;
    const holder = await nodeById(dav.db, l.nodeId);
    if (holder) roots.set(l.nodeId, dav.href(await namesOf(dav.db, holder), holder.isFolder));
  }
  const byNode = new Map<number, DavLock[]>();
  for (const l of onChildren) byNode.set(l.nodeId, [...(byNode.get(l.nodeId) ?? []), l]);
  const locksByNode = new Map<number, string>();
  for (const [i, n] of nodes.entries()) {
    const locks: DavLock[] = i === 0 ? covering : [...inherited, ...(byNode.get(n.id) ?? [])];
    if (locks.length) locksByNode.set(n.id, locks.map((l) => activeLockXml(l, roots.get(l.nodeId) ?? "")).join(""));
  }
  return locksByNode;
}
