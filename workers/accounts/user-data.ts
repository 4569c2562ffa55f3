import type { Config } from "../config";
import type { Db } from "../db/client";
import { effectiveQuota, UNLIMITED } from "./quota";
import { subadminGroupIds, userGroupIds, type User } from "./users";

/** Storage a user occupies; the file tree provides it once it exists. */
export type UsageOf = (db: Db, userId: string) => Promise<number>;

/** A user as Nextcloud's provisioning API and `/cloud/user` describe one. */
export async function nextcloudUserData(db: Db, config: Config, user: User, usedBytes: number) {
  const quota = effectiveQuota(user.quotaBytes, config.defaultQuotaBytes);
  const free = quota === null ? null : Math.max(0, quota - usedBytes);
  return {
    enabled: user.enabled,
    storageLocation: `/${user.id}`,
    id: user.id,
    lastLogin: (user.lastLoginAt ?? 0) * 1000,
    backend: "Database",
    subadmin: await subadminGroupIds(db, user.id),
    quota: {
      free: free ?? UNLIMITED,
      used: usedBytes,
      total: quota === null ? UNLIMITED : quota,
      relative: quota ? Math.round((usedBytes / quota) * 10000) / 100 : 0,
      quota: quota === null ? UNLIMITED : quota,
    },
    manager: "",
    email: user.email,
    additional_mail: [],
    "display-name": user.displayName,
    displayname: user.displayName,
    phone: "",
    address: "",
    website: "",
    twitter: "",
    organisation: user.orgId ?? "",
    groups: await userGroupIds(db, user.id),
    language: user.language ?? "",
    locale: "",
    backendCapabilities: { setDisplayName: true, setPassword: true },
  };
}
