import { ApiError, badRequest } from "../http/errors";
import { multistatus, responseXml, type PropValue } from "./multistatus";
import type { PropRequest } from "./prop-request";
import { readPropfindBody } from "./prop-request";
import { propertyKey } from "./properties";

/**
 * A `<d:response>` for something that is not a file (a tag, a comment, a collection of them): its
 * properties are all computed, so the request picks among `available` and the rest are 404s.
 */
export function objectResponse(href: string, available: readonly PropValue[], request: PropRequest): string {
  if (request.kind === "allprop") return responseXml(href, [{ status: 200, props: [...available] }]);
  if (request.kind === "propname") return responseXml(href, [{ status: 200, props: available.map((p) => ({ ...p, value: "" })) }]);
  const byKey = new Map(available.map((p) => [propertyKey(p.ns, p.local), p]));
  const found: PropValue[] = [];
  const missing: PropValue[] = [];
  for (const wanted of request.props) {
    const value = byKey.get(propertyKey(wanted.ns, wanted.local));
    if (value) found.push(value);
    else missing.push({ ns: wanted.ns, local: wanted.local, value: "" });
  }
  return responseXml(href, [
    { status: 200, props: found },
    { status: 404, props: missing },
  ]);
}

/** PROPFIND on such an object: the parent's response, then its children's when Depth is not 0. */
export async function objectPropfind(
  request: Request,
  self: { href: string; props: PropValue[] },
  children: () => Promise<{ href: string; props: PropValue[] }[]>,
): Promise<Response> {
  const wanted = readPropfindBody(await request.text());
  const depth = request.headers.get("Depth")?.trim();
  const responses = [objectResponse(self.href, self.props, wanted)];
  if (depth !== "0") for (const child of await children()) responses.push(objectResponse(child.href, child.props, wanted));
  return multistatus(responses);
}

/** The path segments after a DAV collection's prefix, decoded; undefined when a segment is malformed. */
export function segmentsAfter(url: string, prefix: string): string[] | undefined {
  const path = new URL(url).pathname.replace(/\/{2,}/g, "/");
  const rest = path.slice(prefix.length).split("/").filter((s) => s !== "");
  try {
    return rest.map((s) => decodeURIComponent(s));
  } catch {
    return undefined;
  }
}

/** A JSON request body (tags and comments are created with one): anything but an object is a 400. */
export async function jsonObjectBody(request: Request): Promise<Record<string, unknown>> {
  let parsed: unknown;
  try {
    parsed = JSON.parse(await request.text());
  } catch {
    throw badRequest("The body must be a JSON object", "invalid_json");
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) throw badRequest("The body must be a JSON object", "invalid_json");
  return parsed as Record<string, unknown>;
}

export function methodNotAllowed(method: string, allow: string): ApiError {
  return new ApiError(405, "method_not_allowed", `${method} is not supported here`, { Allow: allow });
}

export const options = (allow: string) =>
  new Response(null, { status: 200, headers: { DAV: "1, 2, 3", Allow: allow, "Content-Length": "0" } });
