import { badRequest } from "../http/errors";
import { DAV_NS, parseXml, type XmlElement } from "./xml";

/** What a PROPFIND (or a REPORT or SEARCH that returns properties) asks for. */
export type PropRequest = { kind: "allprop"; include: XmlElement[] } | { kind: "prop"; props: XmlElement[] } | { kind: "propname" };

export const ALLPROP_REQUEST: PropRequest = { kind: "allprop", include: [] };

/** Reads the body of a PROPFIND; an empty body means allprop (RFC 4918 §9.1). */
export function readPropfindBody(body: string): PropRequest {
  const root = parseXml(body);
  if (!root) return ALLPROP_REQUEST;
  if (root.ns !== DAV_NS || root.local !== "propfind") throw badRequest("Expected a DAV:propfind body", "invalid_xml");
  return readPropSelection(root.children);
}

/** The `<d:prop>`, `<d:propname/>` or `<d:allprop/>` among an element's children. */
export function readPropSelection(children: readonly XmlElement[]): PropRequest {
  const first = children.find((c) => c.ns === DAV_NS && (c.local === "prop" || c.local === "propname" || c.local === "allprop"));
  if (!first) {
    if (children.length === 0) throw badRequest("Empty propfind", "invalid_xml");
    throw badRequest("Unknown propfind request", "invalid_xml");
  }
  if (first.local === "prop") return { kind: "prop", props: first.children };
  if (first.local === "propname") return { kind: "propname" };
  const include = children.find((c) => c.ns === DAV_NS && c.local === "include");
  return { kind: "allprop", include: include?.children ?? [] };
}
