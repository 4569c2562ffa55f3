import { OcsError } from "../ocs/envelope";
import { ALL, CREATE, DELETE, READ, SHARE, shareBitsFor, UPDATE } from "./permission-bits";
import { EMAIL_SHARE, LINK_SHARE } from "./share-store";

export const isLinkType = (shareType: number) => shareType === LINK_SHARE || shareType === EMAIL_SHARE;

/** A folder link that lets visitors add, change and delete: Nextcloud's publicUpload. */
export const PUBLIC_UPLOAD = READ | UPDATE | CREATE | DELETE;

export interface BitsRequest {
  shareType: number;
  isFolder: boolean;
  /** What the client asked for, if anything. */
  permissions?: number;
  publicUpload?: boolean;
  /** What the share's initiator holds on the node now: a share never grants more. */
  held: number;
  /** For the refusal's message. */
  path: string;
}

/**
 * A share's permission bits, Nextcloud's way: user and group shares default to everything the
 * initiator holds (31 on a folder, 19 on a file) and always read; a file never gets create or delete;
 * a link reads by default, uploads with publicUpload, and may be a file drop (create only). Asking
 * for more than the initiator holds is refused.
 */
export function shareBits(request: BitsRequest): number {
  const { isFolder, held } = request;
  if (isLinkType(request.shareType)) return linkBits(request);
  if (request.permissions === undefined) return shareBitsFor(isFolder, ALL & held) | READ;
  const wanted = shareBitsFor(isFolder, request.permissions | READ);
  if (wanted & ~held) throw new OcsError(404, `Cannot increase permissions of ${request.path}`);
  return wanted;
}

function linkBits({ isFolder, permissions, publicUpload, held, path }: BitsRequest): number {
  if (publicUpload && !isFolder) throw new OcsError(400, "Public upload is only possible for publicly shared folders");
  // Visitors have no account to reshare to, so a link never carries the share bit.
  const wanted = publicUpload ? PUBLIC_UPLOAD : (permissions ?? READ) & ~SHARE;
  const fileDrop = isFolder && wanted === CREATE;
  const allowed = isFolder ? PUBLIC_UPLOAD : READ | UPDATE;
  if ((!(wanted & READ) && !fileDrop) || wanted & ~allowed) throw new OcsError(400, `Invalid permissions for a link to a ${isFolder ? "folder" : "file"}`);
  if (wanted & ~held) throw new OcsError(404, `Cannot increase permissions of ${path}`);
  return wanted;
}
