import { ocs, ocsPath } from "./ocs";

/** The fields of Nextcloud's share answer (workers/sharing/ocs/share-json.ts) that the lists show. */
export interface ShareInfo {
  id: string;
  share_type: number;
  uid_owner: string;
  displayname_owner: string;
  uid_file_owner: string;
  displayname_file_owner: string;
  permissions: number;
  /** Seconds since the epoch. */
  stime: number;
  path: string;
  item_type: "file" | "folder";
  mimetype: string;
  item_source: number;
  file_target: string;
  item_size: number;
  item_mtime: number;
  share_with: string | null;
  share_with_displayname: string | null;
  url?: string;
  /** The sharer's note to the recipients. */
  note: string | null;
  /** The asker's state as a recipient: 0 accepted, 1 pending, 2 removed from their files. */
  state: number;
}

export const SHARE_TYPE = { user: 0, group: 1, link: 3, email: 4 } as const;

const API = "/apps/files_sharing/api/v1";

export const sharedWithMe = () => ocs<ShareInfo[]>("GET", `${API}/shares?shared_with_me=true`);
/** What the asker shared, and reshares of their own files by others. */
export const sharedByMe = () => ocs<ShareInfo[]>("GET", `${API}/shares?reshares=true`);
export const pendingShares = () => ocs<ShareInfo[]>("GET", `${API}/shares/pending`);
export const deletedShares = () => ocs<ShareInfo[]>("GET", `${API}/deletedshares`);

export const acceptShare = (id: string) => ocs<unknown>("POST", `${API}/shares/pending/${ocsPath(id)}`);
export const declineShare = (id: string) => ocs<unknown>("DELETE", `${API}/shares/pending/${ocsPath(id)}`);
export const restoreDeletedShare = (id: string) => ocs<unknown>("POST", `${API}/deletedshares/${ocsPath(id)}`);

/** The asker's shares on a folder's children: the listing marks what they shared. */
export const sharesInFolder = (path: string) =>
  ocs<ShareInfo[]>("GET", `${API}/shares?${new URLSearchParams({ path, subfiles: "true", reshares: "true" })}`);
