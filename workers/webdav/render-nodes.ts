import { eq, inArray, or } from "drizzle-orm";
import { deadProperties, fileNodes } from "../../schema/core";
import { instanceId } from "../accounts/instance-secret";
import { quotaFigures } from "../storage/quota";
import type { FileNode } from "../storage/tree";
import type { Dav } from "./context";
import { responseXml, type PropValue } from "./multistatus";
import type { PropRequest } from "./prop-request";
import { foreignOwnerFigures } from "./tree-owners";
import { ALLPROP, LIVE_PROPERTIES, propertyKey, splitKey, type PropertyContext } from "./properties";
import type { PropertySource } from "./property-source";
import { PROPERTY_SOURCES } from "./property-sources";
import { DAV_NS } from "./xml";

export interface NodeEntry {
  node: FileNode;
  /** Its path below the tree's root, as names. */
  names: string[];
}

export interface RenderOptions {
  /** `<d:lockdiscovery>` per node id, when the caller computed it. */
  locks?: ReadonlyMap<number, string>;
  /** How to find the dead properties in one query: a folder and its children, or a list of ids. */
  deadScope?: { folderAndChildren: FileNode };
}

const D1_MAX_PARAMS = 90;

/**
 * `<d:response>` elements for nodes of the asker's tree, with the properties a PROPFIND-like request
 * wants: PROPFIND, the favorites REPORT and SEARCH all answer through here.
 */
export async function renderNodes(dav: Dav, entries: readonly NodeEntry[], request: PropRequest, options: RenderOptions = {}): Promise<string[]> {
  const nodes = entries.map((e) => e.node);
  // Independent queries: on D1 each is a round trip, so they go out together.
  const [dead, sources, id, quota, owners] = await Promise.all([
    deadPropertiesOf(dav, nodes, options.deadScope),
    loadSources(dav, nodes, request),
    instanceId(dav.db),
    quotaFigures(dav.db, dav.c.var.config, dav.user, dav.root),
    foreignOwnerFigures(dav, nodes, request),
  ]);
  const shared: Omit<PropertyContext, "isRoot" | "grant"> = {
    ownerDisplayName: dav.user.displayName,
    quota,
    instanceId: id,
  };

  return entries.map(({ node: n, names }) => {
    const own = dead.get(n.id) ?? [];
    const ctx: PropertyContext = { ...shared, ...owners.get(n.ownerId), isRoot: names.length === 0, grant: dav.grantFor(n) };
    const found: PropValue[] = [];
    const missing: PropValue[] = [];
    const live = (k: string): PropValue | null => {
      if (k === propertyKey(DAV_NS, "lockdiscovery")) return { ...splitKey(k), value: options.locks?.get(n.id) ?? "" };
      const fromSource = sources.get(k);
      const value = fromSource ? fromSource(n, k) : LIVE_PROPERTIES.get(k)?.(n, ctx);
      return value === null || value === undefined ? null : { ...splitKey(k), value };
    };
    const overridden = (p: PropValue) => sources.has(propertyKey(p.ns, p.local)) || LIVE_PROPERTIES.has(propertyKey(p.ns, p.local));
    if (request.kind === "propname") {
      for (const k of allpropKeys()) if (live(k)) found.push({ ...splitKey(k), value: "" });
      for (const p of own) if (!overridden(p)) found.push({ ns: p.ns, local: p.local, value: "" });
    } else if (request.kind === "allprop") {
      for (const k of [...allpropKeys(), propertyKey(DAV_NS, "lockdiscovery")]) {
        const value = live(k);
        if (value) found.push(value);
      }
      for (const p of own) if (!overridden(p)) found.push(p);
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
}

function allpropKeys(): string[] {
  return [...ALLPROP, ...PROPERTY_SOURCES.filter((s) => s.inAllprop).flatMap((s) => s.keys)];
}

/** Loads only the sources whose properties are asked for. */
async function loadSources(dav: Dav, nodes: readonly FileNode[], request: PropRequest) {
  const wanted = (source: PropertySource) => {
    if (dav.view.hidesContent || (dav.isPublic && source.membersOnly)) return false;
    if (request.kind === "prop") return request.props.some((p) => source.keys.includes(propertyKey(p.ns, p.local)));
    return Boolean(source.inAllprop);
  };
  const answers = new Map<string, (node: FileNode, key: string) => string | null>();
  await Promise.all(
    PROPERTY_SOURCES.filter(wanted).map(async (source) => {
      const answer = await source.load({ db: dav.db, user: dav.user, nodes, files: dav.files });
      for (const k of source.keys) answers.set(k, answer);
    }),
  );
  return answers;
}

/** Dead properties of all nodes: one query for a folder and its children, or a few for a list of ids. */
async function deadPropertiesOf(dav: Dav, nodes: readonly FileNode[], scope: RenderOptions["deadScope"]): Promise<Map<number, PropValue[]>> {
  const select = () =>
    dav.db
      .select({ nodeId: deadProperties.nodeId, namespace: deadProperties.namespace, name: deadProperties.name, value: deadProperties.value })
      .from(deadProperties);
  const rows = [];
  if (scope) {
    const folder = scope.folderAndChildren;
    rows.push(
      ...(await select()
        .innerJoin(fileNodes, eq(fileNodes.id, deadProperties.nodeId))
        .where(nodes.length > 1 ? or(eq(fileNodes.id, folder.id), eq(fileNodes.parentId, folder.id)) : eq(fileNodes.id, folder.id))),
    );
  } else {
    const ids = nodes.map((n) => n.id);
    for (let i = 0; i < ids.length; i += D1_MAX_PARAMS) rows.push(...(await select().where(inArray(deadProperties.nodeId, ids.slice(i, i + D1_MAX_PARAMS)))));
  }
  const map = new Map<number, PropValue[]>();
  for (const r of rows) map.set(r.nodeId, [...(map.get(r.nodeId) ?? []), { ns: r.namespace, local: r.name, value: r.value }]);
  return map;
}
