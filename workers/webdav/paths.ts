import { badRequest } from "../http/errors";
import { splitPath } from "../storage/names";

/** Decodes a raw URL path (still percent-encoded) into names; an encoded slash or NUL is refused, not followed. */
export function namesFromRawPath(raw: string): string[] {
  const decoded = raw.split("/").map((segment) => {
    try {
      return decodeURIComponent(segment);
    } catch {
      throw badRequest("The path is not valid percent-encoded UTF-8", "invalid_path");
    }
  });
  for (const segment of decoded) if (segment.includes("/")) throw badRequest("A name cannot contain /", "invalid_name");
  return splitPath(decoded.join("/"));
}

/** A request URL's path segments, still percent-encoded, with repeated slashes collapsed (the first is empty). */
export const rawSegments = (url: string): string[] => new URL(url).pathname.replace(/\/{2,}/g, "/").split("/");

export function hrefOf(base: string, names: readonly string[], isFolder: boolean): string {
  const path = names.map((n) => encodeURIComponent(n)).join("/");
  return `${base}/${path}${isFolder && path ? "/" : ""}`;
}
