import { sql } from "drizzle-orm";
import { userGroupIds, type User } from "../accounts/users";
import type { Db } from "../db/client";
import type { FileNode } from "../storage/tree";
import { GROUP_SHARE, USER_SHARE, type Share } from "./share-store";

/** Spaces where the user holds the manage role, directly or through a group, as file_nodes.space_id values. */
async function managedSpaces(db: Db, userId: string): Promise<Set<string>> {
  const rows = await db.all<{ space_id: number }>(sql`
    SELECT DISTINCT space_id FROM space_members WHERE role = 'manage'
      AND ((principal_type = 'user' AND principal_id = ${userId})
        OR (principal_type = 'group' AND principal_id IN (SELECT group_id FROM group_members WHERE user_id = ${userId})))`);
  return new Set(rows.map((r) => String(r.space_id)));
}

/**
 * Who the asker is to a share: the one who may change or delete it (its initiator, the node's owner,
 * a manager of the node's space), or a recipient (named, or a member of the named group). Loaded once
 * per request, so a listing asks nothing more per share.
 */
export class ShareAsker {
  private constructor(
    readonly user: User,
    readonly groups: ReadonlySet<string>,
    readonly managedSpaces: ReadonlySet<string>,
  ) {}

  static async of(db: Db, user: User): Promise<ShareAsker> {
    const [groups, managed] = await Promise.all([userGroupIds(db, user.id), managedSpaces(db, user.id)]);
    return new ShareAsker(user, new Set(groups), managed);
  }

  /** Owns the node: their personal tree, or a space they manage. */
  ownsNode(node: FileNode): boolean {
    return node.spaceId === null ? node.ownerId === this.user.id : this.managedSpaces.has(node.spaceId);
  }

  manages(share: Share, node: FileNode): boolean {
    return share.initiatorId === this.user.id || this.ownsNode(node);
  }

  receives(share: Share): boolean {
    if (share.initiatorId === this.user.id || share.shareWith === null) return false;
    if (share.shareType === USER_SHARE) return share.shareWith === this.user.id;
    return share.shareType === GROUP_SHARE && this.groups.has(share.shareWith);
  }
}
