import { apiJson } from "./http";
import { ocs, ocsPath } from "./ocs";

/** Nextcloud's "unlimited" quota. */
export const UNLIMITED_QUOTA = -3;

/** The account as /cloud/user and /cloud/users/{id} describe it. */
export interface CloudUser {
  id: string;
  enabled: boolean;
  displayname: string;
  email: string | null;
  lastLogin: number;
  groups: string[];
  subadmin: string[];
  organisation: string;
  language: string;
  quota: { used: number; quota: number };
}

export const fetchCloudUser = () => ocs<CloudUser>("GET", "/cloud/user");

export type EditableField = "displayname" | "email" | "password" | "language" | "quota";

/** One field of an account, the way Nextcloud's clients change it. */
export const editUser = (userId: string, key: EditableField, value: string) =>
  ocs<unknown>("PUT", `/cloud/users/${ocsPath(userId)}`, { key, value });

export interface AppPassword {
  id: number;
  name: string;
  /** Seconds since the epoch, as the API stores them. */
  createdAt: number;
  lastUsedAt: number | null;
}

export const listAppPasswords = async () => (await apiJson<{ appPasswords: AppPassword[] }>("/api/account/app-passwords")).appPasswords;

export const createAppPassword = (name: string) =>
  apiJson<{ id: number; name: string; createdAt: number; token: string }>("/api/account/app-passwords", { method: "POST", json: { name } });

export const revokeAppPassword = (id: number) => apiJson<void>(`/api/account/app-passwords/${id}`, { method: "DELETE" });

/** The browser's own password change: the current password is checked by the server. */
export const changeOwnPassword = (currentPassword: string, newPassword: string) =>
  apiJson<void>("/api/account/password", { method: "PUT", json: { currentPassword, newPassword }, expect401: true });
