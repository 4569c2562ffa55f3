import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";

const now = sql`(unixepoch())`;

/** A tenant: an association or a school. Its admins manage its accounts. */
export const orgs = sqliteTable("orgs", {
  id: text("id").primaryKey(),
  name: text("name").notNull(),
  /** Storage pool shared by the org's members and spaces, in bytes; null means unlimited. */
  quotaBytes: integer("quota_bytes"),
  createdAt: integer("created_at", { mode: "number" }).notNull().default(now),
});

export const users = sqliteTable(
  "users",
  {
    id: text("id").primaryKey(),
    displayName: text("display_name").notNull(),
    email: text("email"),
    passwordHash: text("password_hash").notNull(),
    orgId: text("org_id").references(() => orgs.id, { onDelete: "set null" }),
    isAdmin: integer("is_admin", { mode: "boolean" }).notNull().default(false),
    enabled: integer("enabled", { mode: "boolean" }).notNull().default(true),
    /** Personal quota in bytes; null means the instance default, -3 means unlimited (Nextcloud's convention). */
    quotaBytes: integer("quota_bytes"),
    language: text("language"),
    createdAt: integer("created_at", { mode: "number" }).notNull().default(now),
    lastLoginAt: integer("last_login_at", { mode: "number" }),
    /** 'person', or 'space' for the account that holds a space's files (never logs in, never listed). */
    kind: text("kind").notNull().default("person"),
  },
  (t) => [index("users_org_idx").on(t.orgId)],
);

export const groups = sqliteTable("groups", {
  id: text("id").primaryKey(),
  displayName: text("display_name").notNull(),
  /** The org this group belongs to; an org's own group has id = org id. */
  orgId: text("org_id").references(() => orgs.id, { onDelete: "cascade" }),
  createdAt: integer("created_at", { mode: "number" }).notNull().default(now),
});

export const groupMembers = sqliteTable(
  "group_members",
  {
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("group_members_user_idx").on(t.userId)],
);

/** Nextcloud's group sub-admins: a sub-admin of an org's group is an org admin. */
export const subadmins = sqliteTable(
  "subadmins",
  {
    groupId: text("group_id")
      .notNull()
      .references(() => groups.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.groupId, t.userId] }), index("subadmins_user_idx").on(t.userId)],
);
