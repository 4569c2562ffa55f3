import { sha256Hex } from "../../accounts/crypto";
import type { Db } from "../../db/client";
import type { FileAccess } from "../../storage/access";
import { isWithin, nodeById, type FileNode } from "../../storage/tree";
import { READ, UPDATE } from "../permission-bits";
import { shareById, type Share } from "../share-store";
import { LinkView } from "./link-view";
import { liveLink } from "./resolve-link";

/**
 * Who acts through a public link where an identity is needed (a document's live room): the link
 * itself, with a fingerprint of its password when it has one, so that changing the password ends
 * what was opened with the old one, as it logs out every browser. No account can log in under an id
 * starting with `link:` (people's ids hold no colon; the `space:` holders never log in).
 */
export async function linkPrincipal(share: Pick<Share, "id" | "passwordHash">): Promise<string> {
  return share.passwordHash ? `link:${share.id}:${await passwordFingerprint(share.passwordHash)}` : `link:${share.id}`;
}

const passwordFingerprint = async (passwordHash: string) => (await sha256Hex(`link-principal\u0000${passwordHash}`)).slice(0, 16);

interface LinkPrincipal {
  shareId: number;
  fingerprint: string | undefined;
}

/** The link a principal names, or null for a user id. */
export function linkPrincipalOf(principal: string): LinkPrincipal | null {
  const match = /^link:([0-9]{1,15})(?::([0-9a-f]{16}))?$/.exec(principal);
  return match ? { shareId: Number(match[1]), fingerprint: match[2] } : null;
}

/**
 * What a link lets its visitors do with a file now: the link must still be live (not expired, its
 * initiator still holding the rights) and the file must be the shared one or lie inside it.
 */
export async function linkAccess(db: Db, principal: LinkPrincipal, fileId: number): Promise<{ access: FileAccess; permissions: number; node: FileNode } | null> {
  const share = await shareById(db, principal.shareId);
  const link = share?.token ? await liveLink(db, share) : null;
  if (!link || link.isDrop) return null;
  const fingerprint = link.share.passwordHash ? await passwordFingerprint(link.share.passwordHash) : undefined;
  // A password set or changed since: what was opened without it, or with the old one, ends.
  if (fingerprint !== principal.fingerprint) return null;
  const node = link.node.id === fileId ? link.node : await nodeById(db, fileId);
  if (!node || (node.id !== link.node.id && !(link.node.isFolder && (await isWithin(db, node, link.node))))) return null;
  const permissions = new LinkView(db, link).bitsOn(node);
  if (!(permissions & READ)) return null;
  return { access: permissions & UPDATE ? "write" : "read", permissions, node };
}

/**
 * The account a principal's writes are attributed to: a link's initiator, as for every write through
 * the link (null once the link is gone); a user, themselves.
 */
export async function actingUserOf(db: Db, principal: string): Promise<string | null> {
  const link = linkPrincipalOf(principal);
  if (link === null) return principal;
  return (await shareById(db, link.shareId))?.initiatorId ?? null;
}
