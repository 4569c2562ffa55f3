import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { orgs, users } from "./accounts";
import { fileNodes } from "./files";

const now = sql`(unixepoch())`;

/**
 * A share of a node, as Nextcloud's OCS Share API knows it: to a user (0), a group (1), by public
 * link (3) or by link for an e-mail address (4). Permissions are Nextcloud's bits (1 read, 2 update,
 * 4 create, 8 delete, 16 share). A reshare is a share whose initiator is not the node's owner: its
 * rights are capped at the initiator's own, checked on every access, so an unshare upstream cuts it.
 */
export const shares = sqliteTable(
  "shares",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    shareType: integer("share_type").notNull(),
    nodeId: integer("node_id")
      .notNull()
      .references(() => fileNodes.id, { onDelete: "cascade" }),
    /** Who made the share (Nextcloud's uid_owner). */
    initiatorId: text("initiator_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** A user id, a group id, or an e-mail address; null for a link. */
    shareWith: text("share_with"),
    permissions: integer("permissions").notNull(),
    /** Links only: the secret in /s/{token}. */
    token: text("token"),
    /** Links only: PBKDF2 hash of the link password. */
    passwordHash: text("password_hash"),
    /** Unix seconds after which the share no longer works (the end of the chosen day, UTC). */
    expiresAt: integer("expires_at", { mode: "number" }),
    note: text("note").notNull().default(""),
    label: text("label").notNull().default(""),
    hideDownload: integer("hide_download", { mode: "boolean" }).notNull().default(false),
    /** Nextcloud's share attributes, as the JSON list clients send. */
    attributes: text("attributes"),
    createdAt: integer("created_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [
    uniqueIndex("shares_token").on(t.token),
    index("shares_node_idx").on(t.nodeId),
    index("shares_with_idx").on(t.shareType, t.shareWith),
    index("shares_initiator_idx").on(t.initiatorId),
  ],
);

/**
 * One recipient's view of a user or group share: where it is mounted in their tree and whether they
 * accepted it (0), have it pending (1) or removed it from their tree (2, Nextcloud's deleted shares).
 * A group member without a row sees the share with the defaults.
 */
export const shareRecipients = sqliteTable(
  "share_recipients",
  {
    shareId: integer("share_id")
      .notNull()
      .references(() => shares.id, { onDelete: "cascade" }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The name of the mount in the recipient's root; null means the shared node's own name. */
    target: text("target"),
    state: integer("state").notNull().default(0),
  },
  (t) => [primaryKey({ columns: [t.shareId, t.userId] }), index("share_recipients_user_idx").on(t.userId)],
);

/**
 * A space (Nextcloud's group folder, the associations' "bureaux virtuels"). Its files belong to a
 * holder account made for it (`holder_id`, kind 'space'), so the space's quota and its org's pool
 * apply through the same rules as a person's.
 */
export const spaces = sqliteTable(
  "spaces",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    name: text("name").notNull(),
    orgId: text("org_id").references(() => orgs.id, { onDelete: "set null" }),
    holderId: text("holder_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    createdBy: text("created_by"),
    createdAt: integer("created_at", { mode: "number" }).notNull().default(now),
  },
  (t) => [uniqueIndex("spaces_holder").on(t.holderId), index("spaces_org_idx").on(t.orgId)],
);

/** A role in a space for a user or a whole group: read, write, or manage (grant roles, share). */
export const spaceMembers = sqliteTable(
  "space_members",
  {
    spaceId: integer("space_id")
      .notNull()
      .references(() => spaces.id, { onDelete: "cascade" }),
    /** 'user' or 'group'. */
    principalType: text("principal_type").notNull(),
    principalId: text("principal_id").notNull(),
    /** 'read', 'write' or 'manage'. */
    role: text("role").notNull(),
  },
  (t) => [primaryKey({ columns: [t.spaceId, t.principalType, t.principalId] }), index("space_members_principal_idx").on(t.principalType, t.principalId)],
);
