import { instanceId } from "../accounts/instance-secret";
import { quotaFigures, type QuotaFigures } from "../storage/quota";
import type { FileNode } from "../storage/tree";
import { batchedReader } from "../db/read-together";
import type { Dav } from "./context";
import { deadPropertiesByNode, deadPropertiesOfNodesQuery, type DeadPropertyRow } from "./dead-properties";
import { elementParts, listingResponseXml, propElement, type ElementParts, type PropValue } from "./multistatus";
import type { PropRequest } from "./prop-request";
import { foreignOwnerFigures, type OwnerFigures } from "./tree-owners";
import { ALLPROP, LIVE_PROPERTIES, propertyKey, splitKey, type PropertyContext } from "./properties";
import type { PropertySource, PropertySourceInput } from "./property-source";
import { PROPERTY_SOURCES } from "./property-sources";
import { DAV_NS, escapeXml } from "./xml";

export interface NodeEntry {
  node: FileNode;
  /** Its path below the tree's root, as names. */
  names: string[];
}

export interface RenderOptions {
  /** `<d:lockdiscovery>` per node id, when the caller computes it (a promise, so it loads alongside the rest). */
  locks?: ReadonlyMap<number, string> | Promise<ReadonlyMap<number, string>>;
  /** The nodes' dead properties, when the caller loads them with its own reads (PROPFIND); otherwise they are looked up by id. */
  dead?: ReadonlyMap<number, PropValue[]>;
  /** The property sources' answers, when the caller loads them with its own reads (see startSources). */
  sources?: SourceAnswers;
  /** The asker's quota figures, when the caller loads them with its own reads. */
  quota?: QuotaFigures;
  /** Figures of the owners of trees the asker does not own, as far as the caller loaded them with its own reads. */
  owners?: ReadonlyMap<string, OwnerFigures>;
}

const LOCKDISCOVERY = propertyKey(DAV_NS, "lockdiscovery");

type Getter = (node: FileNode, ctx: PropertyContext) => string | null | undefined;

/** One property a request asks for, resolved once per request: its tags and where its value comes from. */
interface Column extends ElementParts {
  ns: string;
  local: string;
  /** Live value; undefined when only a dead property can answer. */
  get?: Getter;
}

/**
 * `<d:response>` elements for nodes of the asker's tree, with the properties a PROPFIND-like request
 * wants: PROPFIND, the favorites REPORT and SEARCH all answer through here. Everything a listing
 * needs is loaded in one round of queries whatever its size (one per property source, none per
 * node), and each response is concatenated from tags prepared once per request.
 */
export async function renderNodes(dav: Dav, entries: readonly NodeEntry[], request: PropRequest, options: RenderOptions = {}): Promise<string[]> {
  const nodes = entries.map((e) => e.node);
  // Independent queries: on D1 each is a round trip, so they go out together (the dead properties and
  // the property sources' reads in one batch).
  const read = batchedReader(dav.db);
  const ids = nodes.map((n) => n.id);
  const [dead, sources, id, quota, owners, locks] = await Promise.all([
    options.dead ?? read<DeadPropertyRow>(deadPropertiesOfNodesQuery(ids)).then(deadPropertiesByNode),
    options.sources ?? startSources(dav, request, { ids, nodes: Promise.resolve(nodes), read }),
    instanceId(dav.db),
    options.quota ?? quotaFigures(dav.db, dav.c.var.config, dav.user, dav.root, read),
    foreignOwnerFigures(dav, nodes, request, read, options.owners),
    options.locks,
  ]);
  const getterOf = (k: string): Getter | undefined => {
    if (k === LOCKDISCOVERY) return (n) => locks?.get(n.id) ?? "";
    const fromSource = sources.get(k);
    return fromSource ? (n) => fromSource(n, k) : LIVE_PROPERTIES.get(k);
  };
  const column = (k: string): Column => {
    const { ns, local } = splitKey(k);
    return { ns, local, ...elementParts(ns, local), get: getterOf(k) };
  };
  const overridden = (p: PropValue) => {
    const k = propertyKey(p.ns, p.local);
    return sources.has(k) || LIVE_PROPERTIES.has(k);
  };
  const columns =
    request.kind === "prop"
      ? request.props.map((p) => column(propertyKey(p.ns, p.local)))
      : (request.kind === "allprop" ? [...allpropKeys(), LOCKDISCOVERY] : allpropKeys()).map(column);
  const deadXml = (p: PropValue) => (request.kind === "propname" ? propElement(p.ns, p.local, "") : propElement(p.ns, p.local, p.value));

  return entries.map(({ node: n, names }) => {
    const own = dead.get(n.id);
    const figures = owners.get(n.ownerId);
    const ctx: PropertyContext = {
      ownerDisplayName: figures?.ownerDisplayName ?? dav.user.displayName,
      quota: figures?.quota ?? quota,
      instanceId: id,
      isRoot: names.length === 0,
      grant: dav.grantFor(n),
    };
    let found = "";
    let missing = "";
    for (const col of columns) {
      const value = col.get?.(n, ctx);
      if (value !== null && value !== undefined) {
        found += value === "" || request.kind === "propname" ? col.empty : col.open + value + col.close;
        continue;
      }
      if (request.kind !== "prop") continue;
      const stored = own?.find((p) => p.ns === col.ns && p.local === col.local);
      if (stored) found += deadXml(stored);
      else missing += col.empty;
    }
    if (own && request.kind !== "prop") for (const p of own) if (!overridden(p)) found += deadXml(p);
    return listingResponseXml(escapeXml(dav.href(names, n.isFolder)), found, missing);
  });
}

function allpropKeys(): string[] {
  return [...ALLPROP, ...PROPERTY_SOURCES.filter((s) => s.inAllprop).flatMap((s) => s.keys)];
}

/** What each property key's source answers per node. */
export type SourceAnswers = ReadonlyMap<string, (node: FileNode, key: string) => string | null>;

/**
 * Starts the sources whose properties are asked for. Their first reads go through `read` at once, so
 * a caller's own reads made through the same reader in this turn share their batch.
 */
export function startSources(dav: Dav, request: PropRequest, input: Pick<PropertySourceInput, "ids" | "nodes" | "read">): Promise<SourceAnswers> {
  const wanted = (source: PropertySource) => {
    if (dav.view.hidesContent || (dav.isPublic && source.membersOnly)) return false;
    if (request.kind === "prop") return request.props.some((p) => source.keys.includes(propertyKey(p.ns, p.local)));
    return Boolean(source.inAllprop);
  };
  const answers = new Map<string, (node: FileNode, key: string) => string | null>();
  return Promise.all(
    PROPERTY_SOURCES.filter(wanted).map(async (source) => {
      const answer = await source.load({ db: dav.db, user: dav.user, files: dav.files, ...input });
      for (const k of source.keys) answers.set(k, answer);
    }),
  ).then(() => answers);
}
