import { instanceId } from "../../accounts/instance-secret";
import type { Db } from "../../db/client";
import type { FileNode } from "../../storage/tree";
import { responseXml, type PropValue } from "../multistatus";
import type { PropRequest } from "../prop-request";
import { ocId, propertyKey, splitKey } from "../properties";
import { DAV_NS, escapeXml, NC_NS, OC_NS } from "../xml";

/** Property values of one resource, keyed by `propertyKey`; values are inner XML, already escaped. */
export type PropMap = Map<string, string>;

const httpDate = (seconds: number) => new Date(seconds * 1000).toUTCString();

/** A `<d:response>` answering a PROPFIND from a resource's known properties: 200 for those, 404 for the rest. */
export function propResponse(href: string, props: PropMap, request: PropRequest): string {
  const found: PropValue[] = [];
  const missing: PropValue[] = [];
  if (request.kind === "prop") {
    for (const wanted of request.props) {
      const value = props.get(propertyKey(wanted.ns, wanted.local));
      if (value === undefined) missing.push({ ns: wanted.ns, local: wanted.local, value: "" });
      else found.push({ ns: wanted.ns, local: wanted.local, value });
    }
  } else {
    for (const [k, value] of props) found.push({ ...splitKey(k), value: request.kind === "propname" ? "" : value });
  }
  return responseXml(href, [
    { status: 200, props: found },
    { status: 404, props: missing },
  ]);
}

/** A plain collection (the trash itself, the restore target, a file's versions folder). */
export function collectionProps(name?: string): PropMap {
  const props: PropMap = new Map([[propertyKey(DAV_NS, "resourcetype"), "<d:collection/>"]]);
  if (name) props.set(propertyKey(DAV_NS, "displayname"), escapeXml(name));
  return props;
}

/** The usual file properties of a node, as a file listing shows them. */
export async function nodeProps(db: Db, node: FileNode): Promise<PropMap> {
  const id = await instanceId(db);
  const props: PropMap = new Map([
    [propertyKey(DAV_NS, "resourcetype"), node.isFolder ? "<d:collection/>" : ""],
    [propertyKey(DAV_NS, "getlastmodified"), httpDate(node.mtime)],
    [propertyKey(DAV_NS, "getetag"), `&quot;${node.etag}&quot;`],
    [propertyKey(DAV_NS, "displayname"), escapeXml(node.name)],
    [propertyKey(OC_NS, "fileid"), String(node.id)],
    [propertyKey(OC_NS, "id"), ocId(node, id)],
    [propertyKey(OC_NS, "size"), String(node.size)],
    [propertyKey(NC_NS, "has-preview"), "false"],
  ]);
  if (!node.isFolder) {
    props.set(propertyKey(DAV_NS, "getcontentlength"), String(node.size));
    props.set(propertyKey(DAV_NS, "getcontenttype"), escapeXml(node.mime));
  }
  return props;
}

export { httpDate };
