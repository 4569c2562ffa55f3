import type { Db } from "../../db/client";
import type { FileAccess } from "../../storage/access";
import { isWithin, nodeById, type FileNode } from "../../storage/tree";
import { READ, UPDATE } from "../permission-bits";
import { shareById } from "../share-store";
import { LinkView } from "./link-view";
import { resolveLink } from "./resolve-link";

/**
 * Who acts through a public link where an identity is needed (a document's live room): the link
 * itself. User ids never hold a colon, so the two cannot be confused.
 */
export const linkPrincipal = (shareId: number) => `link:${shareId}`;

/** The link a principal names, or null for a user id. */
export function linkIdOf(principal: string): number | null {
  const id = /^link:([0-9]{1,15})$/.exec(principal)?.[1];
  return id === undefined ? null : Number(id);
}

/**
 * What a link lets its visitors do with a file now: the link must still be live (not expired, its
 * initiator still holding the rights) and the file must be the shared one or lie inside it.
 */
export async function linkAccess(db: Db, shareId: number, fileId: number): Promise<{ access: FileAccess; permissions: number; node: FileNode; initiatorId: string } | null> {
  const share = await shareById(db, shareId);
  const link = share?.token ? await resolveLink(db, share.token) : null;
  if (!link || link.isDrop) return null;
  const node = link.node.id === fileId ? link.node : await nodeById(db, fileId);
  if (!node || (node.id !== link.node.id && !(link.node.isFolder && (await isWithin(db, node, link.node))))) return null;
  const permissions = new LinkView(db, link).bitsOn(node);
  if (!(permissions & READ)) return null;
  return { access: permissions & UPDATE ? "write" : "read", permissions, node, initiatorId: link.initiator.id };
}

/**
 * The account a principal's writes are attributed to: a link's initiator, as for every write through
 * the link (null once the link is gone); a user, themselves.
 */
export async function actingUserOf(db: Db, principal: string): Promise<string | null> {
  const linkId = linkIdOf(principal);
  if (linkId === null) return principal;
  return (await shareById(db, linkId))?.initiatorId ?? null;
}
