import { ApiError, notFound } from "../http/errors";
import { readTogether } from "../db/read-together";
import { childrenQuery, namesOf, nodeById, nodesFromRows, type FileNode } from "../storage/tree";
import type { Dav } from "./context";
import { deadPropertiesByNode, deadPropertiesOfFolderQuery, type DeadPropertyRow } from "./dead-properties";
import { activeLockXml, locksCoveringQuery, locksFromRows, locksOnChildrenQuery, type DavLock } from "./locks";
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
  const withChildren = depth === "1" && node.isFolder;
  const locksWanted = wantsLocks(request);
  // Everything that needs only the folder goes to D1 in one batch (one round trip): its children,
  // the locks on it and on them, and their dead properties. A view with its own listing (a file drop)
  // lists apart; mounts and the root's ETag were loaded with the view.
  const [[childRows, coveringRows, onChildrenRows, deadRows], listed, mounts, rootEtag] = await Promise.all([
    readTogether<[Record<string, unknown>, DavLock, DavLock, DeadPropertyRow]>(dav.db, [
      withChildren && !dav.view.children ? childrenQuery(node.id) : undefined,
      locksWanted ? locksCoveringQuery(node) : undefined,
      locksWanted && withChildren ? locksOnChildrenQuery(node) : undefined,
      deadPropertiesOfFolderQuery(node, withChildren && !dav.view.hidesContent),
    ]),
    withChildren ? dav.view.children?.(node) : undefined,
    atRoot && withChildren ? dav.view.mounts() : [],
    atRoot ? dav.view.rootEtag() : node.etag,
  ]);
  const members = listed ?? nodesFromRows(childRows);
  const baseNames = dav.names;
  // The root's ETag covers the mounted trees too, and mounts show under the name they have in this view.
  const nodes: FileNode[] = [{ ...node, etag: rootEtag }, ...members, ...mounts.map((m) => ({ ...m.node, name: m.name }))];
  const entries = nodes.map((n, i) => ({ node: n, names: i === 0 ? baseNames : [...baseNames, n.name] }));
  const locks = locksWanted ? lockDiscovery(dav, node, nodes, baseNames, locksFromRows(coveringRows), locksFromRows(onChildrenRows)) : undefined;
  return multistatus(await renderNodes(dav, entries, request, { locks, dead: deadPropertiesByNode(deadRows) }));
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
