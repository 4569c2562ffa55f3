import { eq, or } from "drizzle-orm";
import { deadProperties, fileNodes } from "../../schema/core";
import { instanceId } from "../accounts/instance-secret";
import { ApiError, badRequest, notFound } from "../http/errors";
import { spaceLeftFor, storageUsedBy } from "../storage/quota";
import { children, namesOf, nodeById, type FileNode } from "../storage/tree";
import type { Dav } from "./context";
import { activeLockXml, locksCovering, locksOnChildren, type DavLock } from "./locks";
import { multistatus, responseXml, type PropValue } from "./multistatus";
import { ALLPROP, LIVE_PROPERTIES, propertyKey, splitKey, type PropertyContext } from "./properties";
import { DAV_NS, OC_NS, parseXml, type XmlElement } from "./xml";

type Request = { kind: "allprop"; include: XmlElement[] } | { kind: "prop"; props: XmlElement[] } | { kind: "propname" };

function readRequest(body: string): Request {
  const root = parseXml(body);
  if (!root) return { kind: "allprop", include: [] };
  if (root.ns !== DAV_NS || root.local !== "propfind") throw badRequest("Expected a DAV:propfind body", "invalid_xml");
  const first = root.children[0];
  if (!first) throw badRequest("Empty propfind", "invalid_xml");
  if (first.ns === DAV_NS && first.local === "prop") return { kind: "prop", props: first.children };
  if (first.ns === DAV_NS && first.local === "propname") return { kind: "propname" };
  if (first.ns === DAV_NS && first.local === "allprop") {
    const include = root.children.find((c) => c.ns === DAV_NS && c.local === "include");
    return { kind: "allprop", include: include?.children ?? [] };
  }
  throw badRequest("Unknown propfind request", "invalid_xml");
}

export async function handlePropfind(dav: Dav): Promise<Response> {
  const depth = dav.c.req.header("Depth") ?? "1";
  if (depth !== "0" && depth !== "1") throw new ApiError(403, "propfind_finite_depth", "Depth infinity is not supported; use 0 or 1");
  const request = readRequest(await dav.c.req.text());
  const node = dav.node;
  if (!node) throw notFound("No such file or folder");
  const nodes: FileNode[] = [node, ...(depth === "1" && node.isFolder ? await children(dav.db, node.id) : [])];
  const baseNames = await namesOf(dav.db, node);

  const dead = await deadPropertiesOf(dav, node, nodes.length > 1);
  const used = await storageUsedBy(dav.db, dav.user.id);
  const left = await spaceLeftFor(dav.db, dav.c.var.config, dav.user.id);
  const shared: Omit<PropertyContext, "isRoot" | "favorite"> = {
    ownerDisplayName: dav.user.displayName,
    quota: { used, available: left },
    instanceId: await instanceId(dav.db),
  };
  const locksByNode = new Map<number, string>();
  const wantsLocks = request.kind === "allprop" || (request.kind === "prop" && request.props.some((p) => p.ns === DAV_NS && p.local === "lockdiscovery"));
  if (wantsLocks) {
    // Two queries whatever the folder's size: locks covering the folder, and locks on its children.
    const covering = await locksCovering(dav.db, node);
    const inherited = covering.filter((l) => l.deep);
    const onChildren = nodes.length > 1 ? await locksOnChildren(dav.db, node) : [];
    // Each lock names its root: the node it was taken on (an ancestor's is looked up; there are few).
    const roots = new Map<number, string>([[node.id, dav.href(baseNames, node.isFolder)]]);
    for (const n of nodes.slice(1)) roots.set(n.id, dav.href([...baseNames, n.name], n.isFolder));
    for (const l of covering) {
      if (roots.has(l.nodeId)) continue;
      const holder = await nodeById(dav.db, l.nodeId);
      if (holder) roots.set(l.nodeId, dav.href(await namesOf(dav.db, holder), holder.isFolder));
    }
    for (const [i, n] of nodes.entries()) {
      const locks: DavLock[] = i === 0 ? covering : [...inherited, ...onChildren.filter((l) => l.nodeId === n.id)];
      locksByNode.set(n.id, locks.map((l) => activeLockXml(l, roots.get(l.nodeId) ?? "")).join(""));
    }
  }

  const responses = nodes.map((n, i) => {
    const names = i === 0 ? baseNames : [...baseNames, n.name];
    const own = dead.get(n.id) ?? [];
    const ctx: PropertyContext = { ...shared, isRoot: n.parentId === null, favorite: own.some((p) => p.ns === OC_NS && p.local === "favorite" && p.value.trim() === "1") };
    const found: PropValue[] = [];
    const missing: PropValue[] = [];
    const live = (k: string): PropValue | null => {
      if (k === propertyKey(DAV_NS, "lockdiscovery")) return { ...splitKey(k), value: locksByNode.get(n.id) ?? "" };
      const getter = LIVE_PROPERTIES.get(k);
      const value = getter?.(n, ctx);
      return value === null || value === undefined ? null : { ...splitKey(k), value };
    };
    if (request.kind === "propname") {
      for (const k of ALLPROP) if (live(k)) found.push({ ...splitKey(k), value: "" });
      for (const p of own) found.push({ ns: p.ns, local: p.local, value: "" });
    } else if (request.kind === "allprop") {
      for (const k of [...ALLPROP, propertyKey(DAV_NS, "lockdiscovery")]) {
        const value = live(k);
        if (value) found.push(value);
      }
      for (const p of own) if (!(p.ns === OC_NS && p.local === "favorite")) found.push(p);
    } else {
      for (const wanted of request.props) {
        const k = propertyKey(wanted.ns, wanted.local);
        const value = live(k) ?? own.find((p) => p.ns === wanted.ns && p.local === wanted.local) ?? null;
        if (value) found.push(value);
        else missing.push({ ns: wanted.ns, local: wanted.local, value: "" });
      }
    }
    return responseXml(dav.href(names, n.isFolder), [
      { status: 200, props: found },
      { status: 404, props: missing },
    ]);
  });
  return multistatus(responses);
}

/** Dead properties of a node and its children in one query, however many children there are. */
async function deadPropertiesOf(dav: Dav, node: FileNode, withChildren: boolean): Promise<Map<number, PropValue[]>> {
  const rows = await dav.db
    .select({ nodeId: deadProperties.nodeId, namespace: deadProperties.namespace, name: deadProperties.name, value: deadProperties.value })
    .from(deadProperties)
    .innerJoin(fileNodes, eq(fileNodes.id, deadProperties.nodeId))
    .where(withChildren ? or(eq(fileNodes.id, node.id), eq(fileNodes.parentId, node.id)) : eq(fileNodes.id, node.id));
  const map = new Map<number, PropValue[]>();
  for (const r of rows) map.set(r.nodeId, [...(map.get(r.nodeId) ?? []), { ns: r.namespace, local: r.name, value: r.value }]);
  return map;
}
