import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex, type AnySQLiteColumn } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";

/**
 * The file tree. Bytes live in R2 under immutable keys (`blob_key`); a rename or move changes only
 * `parent_id` and `name` here. Every change gives the node and each ancestor a new ETag, which is how
 * sync clients find what changed without listing everything.
 */
export const fileNodes = sqliteTable(
  "file_nodes",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Set for nodes inside an association space (group folder); null in a personal tree. */
    spaceId: text("space_id"),
    /** Null only for a tree's root. Deleting a folder deletes its subtree. */
    parentId: integer("parent_id").references((): AnySQLiteColumn => fileNodes.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    isFolder: integer("is_folder", { mode: "boolean" }).notNull(),
    /** A file's length, or the sum of a folder's contents. */
    size: integer("size").notNull().default(0),
    mime: text("mime").notNull(),
    etag: text("etag").notNull(),
    /** Modification time in seconds, as clients set it (X-OC-Mtime). */
    mtime: integer("mtime", { mode: "number" }).notNull(),
    /** SHA-1 of the content, hex. */
    sha1: text("sha1"),
    blobKey: text("blob_key"),
    /** Who wrote the current content (a version's author once it is superseded). */
    modifiedBy: text("modified_by"),
    /**
     * Set on the top node of a deleted subtree: it leaves the tree (parent_id becomes null) and waits in
     * its owner's trash, listed in `trash_items`, until restored or purged.
     */
    trashedAt: integer("trashed_at", { mode: "number" }),
    createdAt: integer("created_at", { mode: "number" }).notNull().default(sql`(unixepoch())`),
  },
  (t) => [
    uniqueIndex("file_nodes_parent_name").on(t.parentId, t.name),
    uniqueIndex("file_nodes_personal_root").on(t.ownerId).where(sql`parent_id IS NULL AND space_id IS NULL AND trashed_at IS NULL`),
    index("file_nodes_owner_idx").on(t.ownerId),
  ],
);

/** WebDAV dead properties (PROPPATCH), kept as the XML the client sent. */
export const deadProperties = sqliteTable(
  "dead_properties",
  {
    nodeId: integer("node_id")
      .notNull()
      .references(() => fileNodes.id, { onDelete: "cascade" }),
    namespace: text("namespace").notNull(),
    name: text("name").notNull(),
    /** The property element's inner XML, with namespace declarations it needs. */
    value: text("value").notNull(),
  },
  (t) => [primaryKey({ columns: [t.nodeId, t.namespace, t.name] })],
);

/** WebDAV write locks (RFC 4918 §6). */
export const davLocks = sqliteTable(
  "dav_locks",
  {
    token: text("token").primaryKey(),
    nodeId: integer("node_id")
      .notNull()
      .references(() => fileNodes.id, { onDelete: "cascade" }),
    userId: text("user_id").notNull(),
    exclusive: integer("exclusive", { mode: "boolean" }).notNull(),
    /** Depth infinity locks cover the whole subtree. */
    deep: integer("deep", { mode: "boolean" }).notNull(),
    ownerXml: text("owner_xml"),
    timeoutSeconds: integer("timeout_seconds").notNull(),
    expiresAt: integer("expires_at", { mode: "number" }).notNull(),
  },
  (t) => [index("dav_locks_node_idx").on(t.nodeId)],
);
