import { constantTimeEqual } from "../../accounts/crypto";
import { findUser, type User } from "../../accounts/users";
import type { Db } from "../../db/client";
import type { FileNode } from "../../storage/tree";
import { effectiveAccess } from "../effective-access";
import { bitsFor, CREATE, READ, SHARE, shareBitsFor } from "../permission-bits";
import { EMAIL_SHARE, LINK_SHARE, shareByToken, type Share } from "../share-store";

/** A live public link: what it shares, what it allows now, and whose rights it acts with. */
export interface ResolvedLink {
  share: Share;
  /** The shared node, as it is now (not in the trash). */
  node: FileNode;
  /** The link's bits capped by what its initiator may still do; never SHARE (no resharing through a link). */
  permissions: number;
  /** Upload only ("zone de dépôt"): nothing can be listed or read. */
  isDrop: boolean;
  /** Who made the link: writes through it are theirs (attribution), its downloads show in their stream. */
  initiator: User;
}

// Tokens are letters and digits (15 from the OCS API); the limit keeps junk away from the database.
const TOKEN_SHAPE = /^[A-Za-z0-9_-]{1,64}$/;

const now = () => Math.floor(Date.now() / 1000);

/**
 * The one way every public door (page, download, DAV) turns a token into a link. Null, so a 404,
 * for an unknown token, an expired link, a trashed node, or an initiator who lost the rights: a link
 * never grants more than its initiator holds now, so an unshare or a lost role upstream cuts it at once.
 */
export async function resolveLink(db: Db, token: string): Promise<ResolvedLink | null> {
  if (!TOKEN_SHAPE.test(token)) return null;
  const share = await shareByToken(db, token);
  // The index finds the row; the comparison that decides is constant-time.
  if (!share?.token || !constantTimeEqual(share.token, token)) return null;
  return liveLink(db, share);
}

/** A link share already read (by token above, or by id for a link acting in a live room), if it is live now. */
export async function liveLink(db: Db, share: Share): Promise<ResolvedLink | null> {
  if (share.shareType !== LINK_SHARE && share.shareType !== EMAIL_SHARE) return null;
  if (share.expiresAt !== null && share.expiresAt <= now()) return null;
  const [access, initiator] = await Promise.all([effectiveAccess(db, share.initiatorId, share.nodeId), findUser(db, share.initiatorId)]);
  if (!access || !initiator) return null;
  const node = access.node;
  const capped = share.permissions & access.permissions & ~SHARE;
  const permissions = node.isFolder ? bitsFor(true, capped) : shareBitsFor(false, capped);
  const isDrop = (permissions & READ) === 0;
  // Without read, only a folder that takes uploads makes sense.
  if (isDrop && !(node.isFolder && permissions & CREATE)) return null;
  return { share, node, permissions, isDrop, initiator };
}
