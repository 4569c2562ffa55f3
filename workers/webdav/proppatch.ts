import { and, eq } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { deadProperties } from "../../schema/core";
import { badRequest, forbidden, notFound } from "../http/errors";
import { UPDATE } from "../sharing/permission-bits";
import type { Dav } from "./context";
import { assertUnlocked } from "./guard";
import { multistatus, responseXml, type PropValue } from "./multistatus";
import { LIVE_PROPERTIES, propertyKey } from "./properties";
import { DAV_NS, OC_NS, parseXml, serializeContent } from "./xml";
import { FavoriteService, isFavoriteValue } from "../favorites/service";

const MAX_VALUE_BYTES = 64 * 1024;

/** PROPPATCH: set and remove dead properties in document order, all or nothing (RFC 4918 §9.2). */
export async function handleProppatch(dav: Dav): Promise<Response> {
  const node = dav.node;
  if (!node) throw notFound("No such file or folder");
  await assertUnlocked(dav, [node]);
  const root = parseXml(await dav.c.req.text());
  if (!root || root.ns !== DAV_NS || root.local !== "propertyupdate") throw badRequest("Expected a DAV:propertyupdate body", "invalid_xml");

  type Operation = { set: boolean; ns: string; local: string; value: string };
  const operations: Operation[] = [];
  for (const action of root.children) {
    if (action.ns !== DAV_NS || (action.local !== "set" && action.local !== "remove")) continue;
    for (const prop of action.children.filter((c) => c.ns === DAV_NS && c.local === "prop")) {
      for (const p of prop.children) operations.push({ set: action.local === "set", ns: p.ns, local: p.local, value: serializeContent(p) });
    }
  }
  // Live properties are computed, so setting them is forbidden; getlastmodified is the exception clients use.
  // Without the right to change the item, only the asker's own star may be set.
  const mayChange = (dav.location.permissions & UPDATE) !== 0;
  // A public link has no person to star for, and a read-only one changes nothing.
  if (dav.isPublic && !mayChange) throw forbidden("This link does not allow changes");
  const isStar = (o: Operation) => o.ns === OC_NS && o.local === "favorite";
  const refused = operations.filter(
    (o) => (LIVE_PROPERTIES.has(propertyKey(o.ns, o.local)) && !(o.ns === DAV_NS && o.local === "getlastmodified")) || (!mayChange && !isStar(o)) || (dav.isPublic && isStar(o)),
  );
  const tooBig = operations.filter((o) => new TextEncoder().encode(o.value).byteLength > MAX_VALUE_BYTES);
  const href = dav.href(dav.names, node.isFolder);
  const asProps = (ops: Operation[]): PropValue[] => ops.map((o) => ({ ns: o.ns, local: o.local, value: "" }));
  if (refused.length || tooBig.length) {
    const failed = new Set([...refused, ...tooBig]);
    return multistatus([
      responseXml(href, [
        { status: 403, props: asProps([...failed]) },
        { status: 424, props: asProps(operations.filter((o) => !failed.has(o))) },
      ]),
    ]);
  }
  const statements: BatchItem<"sqlite">[] = [];
  for (const o of operations) {
    if (o.ns === DAV_NS && o.local === "getlastmodified") {
      const seconds = Math.floor(Date.parse(o.value) / 1000);
      if (o.set && Number.isFinite(seconds)) await dav.files.touch(node, seconds);
      continue;
    }
    if (o.ns === OC_NS && o.local === "favorite") {
      // A star is the asker's own, not a property of the file: it lives in file_favorites.
      statements.push(new FavoriteService(dav.db, dav.user.id).statement(node, o.set && isFavoriteValue(o.value)));
      continue;
    }
    const where = and(eq(deadProperties.nodeId, node.id), eq(deadProperties.namespace, o.ns), eq(deadProperties.name, o.local));
    statements.push(
      o.set
        ? dav.db
            .insert(deadProperties)
            .values({ nodeId: node.id, namespace: o.ns, name: o.local, value: o.value })
            .onConflictDoUpdate({ target: [deadProperties.nodeId, deadProperties.namespace, deadProperties.name], set: { value: o.value } })
        : dav.db.delete(deadProperties).where(where),
    );
  }
  // One batch is one transaction: all the changes land, in document order, or none does.
  if (statements.length) await dav.db.batch(statements as [BatchItem<"sqlite">, ...BatchItem<"sqlite">[]]);
  return multistatus([responseXml(href, [{ status: 200, props: asProps(operations) }])]);
}
