import { DAV_NS, escapeXml, NC_NS, OC_NS } from "./xml";

const PREFIX: Record<string, string> = { [DAV_NS]: "d", [OC_NS]: "oc", [NC_NS]: "nc" };

export interface PropValue {
  ns: string;
  local: string;
  /** Inner XML, already escaped; empty for an empty element. */
  value: string;
}

export const STATUS_TEXT: Record<number, string> = {
  200: "OK",
  403: "Forbidden",
  404: "Not Found",
  409: "Conflict",
  424: "Failed Dependency",
  507: "Insufficient Storage",
};

/** A property's tags, built once per request rather than once per node of a listing. */
export interface ElementParts {
  open: string;
  close: string;
  /** The element with no content. */
  empty: string;
}

/** The tags of an element in any namespace: the usual prefixes, or a local declaration (including the empty namespace). */
export function elementParts(ns: string, local: string): ElementParts {
  const prefix = PREFIX[ns];
  if (prefix) return { open: `<${prefix}:${local}>`, close: `</${prefix}:${local}>`, empty: `<${prefix}:${local}/>` };
  const open = ns === "" ? `<${local} xmlns="">` : `<x:${local} xmlns:x="${escapeXml(ns)}">`;
  const close = ns === "" ? `</${local}>` : `</x:${local}>`;
  return { open, close, empty: open + close };
}

export function propElement(ns: string, local: string, value: string): string {
  const parts = elementParts(ns, local);
  return value === "" ? parts.empty : parts.open + value + parts.close;
}

/** One <d:response>: the 200 propstat first (rclone reads only the first status), then the others. */
export function responseXml(href: string, groups: { status: number; props: PropValue[] }[]): string {
  const stats = groups
    .filter((g) => g.props.length > 0)
    .sort((a, b) => (a.status === 200 ? -1 : b.status === 200 ? 1 : a.status - b.status))
    .map(
      (g) =>
        `<d:propstat><d:prop>${g.props.map((p) => propElement(p.ns, p.local, p.value)).join("")}</d:prop><d:status>HTTP/1.1 ${g.status} ${STATUS_TEXT[g.status] ?? ""}</d:status></d:propstat>`,
    )
    .join("");
  return `<d:response><d:href>${escapeXml(href)}</d:href>${stats || `<d:propstat><d:prop/><d:status>HTTP/1.1 200 OK</d:status></d:propstat>`}</d:response>`;
}

/**
 * One <d:response> from already rendered properties: those found (200) and those not (404), in that
 * order, as responseXml writes them. Listings build thousands of these, so it is plain concatenation.
 */
export function listingResponseXml(escapedHref: string, found: string, missing: string): string {
  let xml = `<d:response><d:href>${escapedHref}</d:href>`;
  if (found) xml += `<d:propstat><d:prop>${found}</d:prop><d:status>HTTP/1.1 200 OK</d:status></d:propstat>`;
  if (missing) xml += `<d:propstat><d:prop>${missing}</d:prop><d:status>HTTP/1.1 404 Not Found</d:status></d:propstat>`;
  if (!found && !missing) xml += "<d:propstat><d:prop/><d:status>HTTP/1.1 200 OK</d:status></d:propstat>";
  return `${xml}</d:response>`;
}

export function statusResponseXml(href: string, status: number): string {
  return `<d:response><d:href>${escapeXml(href)}</d:href><d:status>HTTP/1.1 ${status} ${STATUS_TEXT[status] ?? ""}</d:status></d:response>`;
}

export function multistatus(responses: string[]): Response {
  const body = `<?xml version="1.0" encoding="utf-8"?>\n<d:multistatus xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns" xmlns:oc="${OC_NS}" xmlns:nc="${NC_NS}">${responses.join("")}</d:multistatus>\n`;
  return new Response(body, { status: 207, headers: { "Content-Type": "application/xml; charset=utf-8" } });
}
