import { ApiError, notFound } from "../http/errors";
import { sql } from "drizzle-orm";
import { batchedReader } from "../db/read-together";
import { quotaFigures } from "../storage/quota";
import { childrenQuery, namesOf, nodeById, nodesFromRows, type FileNode } from "../storage/tree";
import type { Dav } from "./context";
import { deadPropertiesByNode, deadPropertiesOfFolderQuery, type DeadPropertyRow } from "./dead-properties";
import { activeLockXml, locksCoveringQuery, locksFromRows, locksOnChildrenQuery, type DavLock } from "./locks";
import { multistatus } from "./multistatus";
import { readPropfindBody, type PropRequest } from "./prop-request";
import { renderNodes, startSources } from "./render-nodes";
import { foreignOwnerFigures } from "./tree-owners";
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
  // A view with its own listing (a public link) lists first; the mounts and the root's ETag were loaded with the view.
  const [listed, mounts, rootEtag] = await Promise.all([
    withChildren ? dav.view.children?.(node) : undefined,
    atRoot && withChildren ? dav.view.mounts() : [],
    atRoot ? dav.view.rootEtag() : node.etag,
  ]);
  // Then one batch, one round trip to D1, for everything else: the children, the locks on the folder
  // and on them, their dead properties, what the property sources read for them all (by a subquery
  // for the folder and its children, since their ids are not known before the batch), the quota figures.
  const read = batchedReader(dav.db);
  const ownChildren = withChildren && !listed;
  const childRows = ownChildren ? read<Record<string, unknown>>(childrenQuery(node.id)) : Promise.resolve([]);
  const covering = locksWanted ? read<DavLock>(locksCoveringQuery(node)).then(locksFromRows) : [];
  const onChildren = locksWanted && withChildren ? read<DavLock>(locksOnChildrenQuery(node)).then(locksFromRows) : [];
  const dead = read<DeadPropertyRow>(deadPropertiesOfFolderQuery(node, withChildren && !dav.view.hidesContent)).then(deadPropertiesByNode);
  // The root's ETag covers the mounted trees too, and mounts show under the name they have in this view.
  const nodes = childRows.then((rows): FileNode[] => [
    { ...node, etag: rootEtag },
    ...(listed ?? nodesFromRows(rows)),
    ...mounts.map((m) => ({ ...m.node, name: m.name })),
  ]);
  const mountIds = mounts.map((m) => m.node.id);
  const ids = ownChildren ? folderAndChildrenIds(node, mountIds) : [node.id, ...(listed ?? []).map((n) => n.id), ...mountIds];
  const sources = startSources(dav, request, { ids, nodes, read });
  const quota = quotaFigures(dav.db, dav.c.var.config, dav.user, dav.root, read);
  // A tree has one owner: the children's is expected to be the folder's (or a mount's, at the root);
  // renderNodes looks up any other.
  const owners = foreignOwnerFigures(dav, [node, ...mounts.map((m) => m.node)], request, read);
  const [all, deadByNode, answers, quotaOfAsker, ownerFigures, coveringLocks, childLocks] = await Promise.all([nodes, dead, sources, quota, owners, covering, onChildren]);
  const baseNames = dav.names;
  const entries = all.map((n, i) => ({ node: n, names: i === 0 ? baseNames : [...baseNames, n.name] }));
  const locks = locksWanted ? lockDiscovery(dav, node, all, baseNames, coveringLocks, childLocks) : undefined;
  return multistatus(await renderNodes(dav, entries, request, { locks, dead: deadByNode, sources: answers, quota: quotaOfAsker, owners: ownerFigures }));
}

/** A folder, its children and the given mounts, as a subquery of their ids. */
const folderAndChildrenIds = (folder: FileNode, mountIds: readonly number[]) =>
  sql`SELECT id FROM file_nodes WHERE id = ${folder.id} OR parent_id = ${folder.id} UNION ALL SELECT value FROM json_each(${JSON.stringify(mountIds)})`;

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
