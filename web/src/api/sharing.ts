import type { FormFields } from "./http";
import { ocs, ocsPath } from "./ocs";
import { SHARE_TYPE, type ShareInfo } from "./share-lists";

/** Nextcloud's share types, as the OCS Share API numbers them. */
export const { user: USER_SHARE, group: GROUP_SHARE, link: LINK_SHARE, email: EMAIL_SHARE } = SHARE_TYPE;

/** Nextcloud's permission bits. */
export const READ = 1;
export const UPDATE = 2;
export const CREATE = 4;
export const DELETE = 8;
export const SHARE = 16;

/** A share as the details sidebar edits it: the lists' fields and the options. */
export interface ShareJson extends ShareInfo {
  can_edit: boolean;
  can_delete: boolean;
  /** "YYYY-MM-DD 00:00:00", the last day the share works. */
  expiration: string | null;
  token: string | null;
  label: string | null;
  /** Set ("********") when a password protects the link. */
  password: string | null;
  hide_download: 0 | 1;
}

export interface Sharee {
  label: string;
  value: { shareType: number; shareWith: string };
  shareWithDisplayNameUnique?: string;
}

interface ShareeAnswer {
  exact: { users: Sharee[]; groups: Sharee[]; emails: Sharee[] };
  users: Sharee[];
  groups: Sharee[];
  emails: Sharee[];
}

const API = "/apps/files_sharing/api/v1";
const query = (params: Record<string, string>) => `?${new URLSearchParams(params)}`;

/** The shares on one item: the asker's, and for an item they own, everyone's (reshares). */
export const sharesOf = (path: string) => ocs<ShareJson[]>("GET", `${API}/shares${query({ path, reshares: "true" })}`);

export interface NewShare {
  path: string;
  shareType: number;
  shareWith?: string;
  permissions?: number;
}

export const createShare = (share: NewShare) => {
  const form: FormFields = { path: share.path, shareType: String(share.shareType) };
  if (share.shareWith !== undefined) form.shareWith = share.shareWith;
  if (share.permissions !== undefined) form.permissions = String(share.permissions);
  return ocs<ShareJson>("POST", `${API}/shares`, form);
};

/** The fields a share's manager may change; "" removes a password, a date or a note. */
export interface ShareChanges {
  permissions?: number;
  publicUpload?: boolean;
  password?: string;
  expireDate?: string;
  note?: string;
  label?: string;
  hideDownload?: boolean;
}

export const updateShare = (id: string, changes: ShareChanges) => {
  const form: FormFields = {};
  for (const [key, value] of Object.entries(changes)) if (value !== undefined) form[key] = String(value);
  return ocs<ShareJson>("PUT", `${API}/shares/${ocsPath(id)}`, form);
};

export const deleteShare = (id: string) => ocs<unknown>("DELETE", `${API}/shares/${ocsPath(id)}`);

/** People, groups and a typed address one may share with; exact matches first. */
export async function searchSharees(search: string, itemType: "file" | "folder"): Promise<Sharee[]> {
  const types = [USER_SHARE, GROUP_SHARE, EMAIL_SHARE].map((t) => `shareType[]=${t}`).join("&");
  const params = new URLSearchParams({ search, itemType, perPage: "20" });
  const answer = await ocs<ShareeAnswer>("GET", `${API}/sharees?${params}&${types}`);
  return [...answer.exact.users, ...answer.exact.groups, ...answer.exact.emails, ...answer.users, ...answer.groups, ...answer.emails];
}
