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
  const [members, mounts, rootEtag] = await Promise.all([
    depth === "1" && node.isFolder ? (dav.view.children?.(node) ?? children(dav.db, node.id)) : [],
    atRoot && depth === "1" ? dav.view.mounts() : [],
    atRoot ? dav.view.rootEtag() : node.etag,
  ]);
  const baseNames = dav.names;
  // The root's ETag covers the mounted trees too, and mounts show under the name they have in this view.
  const nodes: FileNode[] = [{ ...node, etag: rootEtag }, ...members, ...mounts.map((m) => ({ ...m.node, name: m.name }))];
  const entries = nodes.map((n, i) => ({ node: n, names: i === 0 ? baseNames : [...baseNames, n.name] }));
  const locks = wantsLocks(request) ? await lockDiscovery(dav, node, nodes, baseNames) : undefined;
  return multistatus(await renderNodes(dav, entries, request, { locks, deadScope: { folderAndChildren: node } }));
}

function wantsLocks(request: PropRequest): boolean {
  return request.kind === "allprop" || (request.kind === "prop" && request.props.some((p) => p.ns === DAV_NS && p.local === "lockdiscovery"));
}

/** Two queries whatever the folder's size: locks covering the folder, and locks on its children. */
async function lockDiscovery(dav: Dav, node: FileNode, nodes: FileNode[], baseNames: string[]): Promise<Map<number, string>> {
  const [covering, onChildren] = await Promise.all([locksCovering(dav.db, node), nodes.length > 1 ? locksOnChildren(dav.db, node) : []]);
  const inherited = covering.filter((l) => l.deep);
  // Each lock names its root: the node it was taken on (an ancestor's is looked up; there are few).
  const roots = new Map<number, string>([[node.id, dav.href(baseNames, node.isFolder)]]);
  for (const n of nodes.slice(1)) roots.set(n.id, dav.href([...baseNames, n.name], n.isFolder));
  for (const l of covering) {
    if (roots.has(l.nodeId)) continue;
    const holder = await nodeById(dav.db, l.nodeId);
    if (holder) roots.set(l.nodeId, dav.href(await namesOf(dav.db, holder), holder.isFolder));
  }
  const locksByNode = new Map<number, string>();
  for (const [i, n] of nodes.entries()) {
    const locks: DavLock[] = i === 0 ? covering : [...inherited, ...onChildren.filter((l) => l.nodeId === n.id)];
    locksByNode.set(n.id, locks.map((l) => activeLockXml(l, roots.get(l.nodeId) ?? "")).join(""));
  }
  return locksByNode;
}
