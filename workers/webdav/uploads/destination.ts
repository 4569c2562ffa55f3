import type { Context } from "hono";
import type { User } from "../../accounts/users";
import type { AppEnv } from "../../http/app-env";
import { badRequest } from "../../http/errors";
import { namesFromRawPath } from "../paths";

export interface UploadDestination {
  /** The tree the file lands in, e.g. `/remote.php/dav/files/lea`. */
  base: string;
  /** The path below it, still percent-encoded (what davContext takes). */
  rawRest: string;
  names: string[];
}

/**
 * Where an upload goes: a path (nextcloudcmd) or URL (chunking v2) in the user's own file tree.
 * Anything else is a 400: an upload cannot land in someone else's tree.
 */
export function uploadDestination(c: Context<AppEnv>, user: User, header: string | undefined): UploadDestination {
  if (!header) throw badRequest("A Destination header is required", "missing_destination");
  let path: string;
  try {
    path = new URL(header, c.req.url).pathname;
  } catch {
    throw badRequest("Invalid URL in Destination", "invalid_url");
  }
  const segments = path.replace(/\/{2,}/g, "/").split("/");
  const [, remote, dav, files, owner, ...rest] = segments;
  let ownerId: string | undefined;
  try {
    ownerId = owner === undefined ? undefined : decodeURIComponent(owner);
  } catch {
    ownerId = undefined;
  }
  if (remote !== "remote.php" || dav !== "dav" || files !== "files" || ownerId !== user.id) {
    throw badRequest("The destination must be in your own files (/remote.php/dav/files/<user>/…)", "invalid_destination");
  }
  const rawRest = rest.join("/");
  const names = namesFromRawPath(rawRest);
  if (!names.length) throw badRequest("The destination cannot be the root folder", "invalid_destination");
  return { base: `/remote.php/dav/files/${encodeURIComponent(user.id)}`, rawRest, names };
}

export const sameDestination = (a: UploadDestination, b: UploadDestination) => a.names.join("/") === b.names.join("/");
