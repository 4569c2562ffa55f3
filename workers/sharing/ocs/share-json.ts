import type { FileNode } from "../../storage/tree";
import { expirationOf } from "../expiry";
import type { DisplayNames } from "../share-queries";
import { EMAIL_SHARE, GROUP_SHARE, LINK_SHARE, USER_SHARE, type Share } from "../share-store";

/** A share with what the asker's view says about it. */
export interface ShareEntry {
  share: Share;
  node: FileNode;
  /** The node's path in the asker's view. */
  path: string;
  /** Where a recipient finds it: "/" and the name of its mount. */
  target: string;
  /** The asker's recipient state (0 accepted, 1 pending, 2 removed from their files); 0 for others. */
  state: number;
  canEdit: boolean;
  canDelete: boolean;
}

/**
 * Stands for a link's password in answers: clients only test that one is set (the desktop client
 * looks for a string in `share_with`), and Nextcloud's habit of sending the hash is not followed.
 */
export const PASSWORD_SET = "********";

function recipientOf(share: Share, names: DisplayNames) {
  switch (share.shareType) {
    case USER_SHARE: {
      const user = names.users.get(share.shareWith ?? "");
      return { share_with: share.shareWith, share_with_displayname: user?.name ?? share.shareWith, share_with_displayname_unique: user?.email ?? share.shareWith };
    }
    case GROUP_SHARE:
      return { share_with: share.shareWith, share_with_displayname: names.groups.get(share.shareWith ?? "") ?? share.shareWith };
    case EMAIL_SHARE:
      return { share_with: share.shareWith, share_with_displayname: share.shareWith };
    default:
      return { share_with: share.passwordHash ? PASSWORD_SET : null, share_with_displayname: "(Shared link)" };
  }
}

/** A share as Nextcloud's OCS Share API returns it (formatShare). */
export function shareJson(entry: ShareEntry, names: DisplayNames, origin: string) {
  const { share, node } = entry;
  const isLink = share.shareType === LINK_SHARE || share.shareType === EMAIL_SHARE;
  const initiator = names.users.get(share.initiatorId);
  const fileOwner = names.users.get(node.ownerId);
  return {
    id: String(share.id),
    share_type: share.shareType,
    uid_owner: share.initiatorId,
    displayname_owner: initiator?.name ?? share.initiatorId,
    uid_file_owner: node.ownerId,
    displayname_file_owner: fileOwner?.name ?? node.ownerId,
    permissions: share.permissions,
    can_edit: entry.canEdit,
    can_delete: entry.canDelete,
    stime: share.createdAt,
    parent: null,
    expiration: expirationOf(share.expiresAt),
    token: share.token,
    note: share.note,
    label: share.label,
    path: entry.path,
    item_type: node.isFolder ? "folder" : "file",
    mimetype: node.mime,
    has_preview: false,
    storage_id: `home::${node.ownerId}`,
    storage: 1,
    item_source: node.id,
    file_source: node.id,
    file_parent: node.parentId,
    file_target: entry.target,
    item_size: node.size,
    item_mtime: node.mtime,
    ...recipientOf(share, names),
    ...(isLink && share.token ? { url: `${origin}/s/${share.token}` } : {}),
    password: isLink && share.passwordHash ? PASSWORD_SET : null,
    send_password_by_talk: false,
    hide_download: share.hideDownload ? 1 : 0,
    attributes: share.attributes,
    mail_send: 0,
    state: entry.state,
  };
}

export type ShareJson = ReturnType<typeof shareJson>;
