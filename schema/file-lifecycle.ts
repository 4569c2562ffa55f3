import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text, uniqueIndex } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";
import { fileNodes } from "./files";

/** Earlier contents of a file: every overwrite keeps the bytes it replaced, until retention drops them. */
export const fileVersions = sqliteTable(
  "file_versions",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    nodeId: integer("node_id")
      .notNull()
      .references(() => fileNodes.id, { onDelete: "cascade" }),
    blobKey: text("blob_key").notNull(),
    size: integer("size").notNull(),
    sha1: text("sha1"),
    /** The modification time that content had. */
    mtime: integer("mtime", { mode: "number" }).notNull(),
    etag: text("etag").notNull(),
    authorId: text("author_id"),
    /** A name given to the version (Nextcloud's version label, the documents plugin's named snapshots). */
    label: text("label"),
    /** When this content was superseded. */
    createdAt: integer("created_at", { mode: "number" }).notNull().default(sql`(unixepoch())`),
  },
  (t) => [index("file_versions_node_idx").on(t.nodeId, t.mtime)],
);

/** Deleted subtrees waiting in their owner's trash; the node row itself carries `trashed_at`. */
export const trashItems = sqliteTable(
  "trash_items",
  {
    nodeId: integer("node_id")
      .primaryKey()
      .references(() => fileNodes.id, { onDelete: "cascade" }),
    ownerId: text("owner_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The folder it was deleted from; it may be gone by restore time. */
    originalParentId: integer("original_parent_id"),
    /** Path below the tree's root at deletion, without a leading slash ("Bureau/PV.md"). */
    originalPath: text("original_path").notNull(),
    deletedAt: integer("deleted_at", { mode: "number" }).notNull(),
    deletedBy: text("deleted_by"),
  },
  (t) => [index("trash_items_owner_idx").on(t.ownerId, t.deletedAt)],
);

/** A chunked upload in progress (`/remote.php/dav/uploads/{user}/{transferId}`). */
export const chunkedUploads = sqliteTable(
  "chunked_uploads",
  {
    id: text("id").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** The folder name the client chose. */
    transferId: text("transfer_id").notNull(),
    /** Chunking v2 names the target at MKCOL; the older form only at the final MOVE. */
    destination: text("destination"),
    totalLength: integer("total_length"),
    createdAt: integer("created_at", { mode: "number" }).notNull().default(sql`(unixepoch())`),
    /** Abandoned uploads are reclaimed after this time. */
    expiresAt: integer("expires_at", { mode: "number" }).notNull(),
  },
  (t) => [uniqueIndex("chunked_uploads_transfer").on(t.userId, t.transferId), index("chunked_uploads_expiry_idx").on(t.expiresAt)],
);

/** One received chunk, staged in R2 until the final MOVE assembles them. */
export const uploadChunks = sqliteTable(
  "upload_chunks",
  {
    uploadId: text("upload_id")
      .notNull()
      .references(() => chunkedUploads.id, { onDelete: "cascade" }),
    /** The chunk's file name as sent (zero-padded index, or 1…10000); chunks assemble in this order. */
    name: text("name").notNull(),
    size: integer("size").notNull(),
    blobKey: text("blob_key").notNull(),
    createdAt: integer("created_at", { mode: "number" }).notNull().default(sql`(unixepoch())`),
  },
  (t) => [primaryKey({ columns: [t.uploadId, t.name] })],
);

export const fileFavorites = sqliteTable(
  "file_favorites",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    nodeId: integer("node_id")
      .notNull()
      .references(() => fileNodes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.userId, t.nodeId] })],
);

/** Instance-wide tags (Nextcloud's system tags). */
export const systemTags = sqliteTable("system_tags", {
  id: integer("id").primaryKey({ autoIncrement: true }),
  name: text("name").notNull().unique(),
  userVisible: integer("user_visible", { mode: "boolean" }).notNull().default(true),
  userAssignable: integer("user_assignable", { mode: "boolean" }).notNull().default(true),
  createdAt: integer("created_at", { mode: "number" }).notNull().default(sql`(unixepoch())`),
});

export const systemTagRelations = sqliteTable(
  "system_tag_relations",
  {
    tagId: integer("tag_id")
      .notNull()
      .references(() => systemTags.id, { onDelete: "cascade" }),
    nodeId: integer("node_id")
      .notNull()
      .references(() => fileNodes.id, { onDelete: "cascade" }),
  },
  (t) => [primaryKey({ columns: [t.tagId, t.nodeId] }), index("system_tag_relations_node_idx").on(t.nodeId)],
);

export const fileComments = sqliteTable(
  "file_comments",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    nodeId: integer("node_id")
      .notNull()
      .references(() => fileNodes.id, { onDelete: "cascade" }),
    /** Kept as text: a comment outlives its author's account, as in Nextcloud ("deleted_users"). */
    actorId: text("actor_id").notNull(),
    message: text("message").notNull(),
    createdAt: integer("created_at", { mode: "number" }).notNull().default(sql`(unixepoch())`),
    editedAt: integer("edited_at", { mode: "number" }),
  },
  (t) => [index("file_comments_node_idx").on(t.nodeId, t.createdAt)],
);

/** When a user last read a file's comments: what makes the others "unread". */
export const commentReadMarkers = sqliteTable(
  "comment_read_markers",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    nodeId: integer("node_id")
      .notNull()
      .references(() => fileNodes.id, { onDelete: "cascade" }),
    readAt: integer("read_at", { mode: "number" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.nodeId] })],
);
