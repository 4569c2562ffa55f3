import { sql } from "drizzle-orm";
import { index, integer, primaryKey, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";

/**
 * What happened, to be shown in each affected user's stream: one row per affected user, so that
 * a shared file's change appears for its owner and its recipients, each with their own path.
 */
export const activities = sqliteTable(
  "activities",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    /** The user whose stream shows it. */
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    /** Who did it; null for a public link visitor. */
    actorId: text("actor_id"),
    type: text("type").notNull(),
    /** The node concerned (file id), kept even after deletion so history stays readable. */
    fileId: integer("file_id"),
    /** The path as the affected user sees it, at the time. */
    path: text("path"),
    /** Extra details as JSON (previous path, share recipient…). */
    details: text("details"),
    createdAt: integer("created_at", { mode: "number" }).notNull().default(sql`(unixepoch())`),
  },
  (t) => [index("activities_user_idx").on(t.userId, t.id), index("activities_file_idx").on(t.fileId)],
);

/** Paramètres → Activité: per event type, whether it goes to the stream and/or by e-mail. */
export const activitySettings = sqliteTable(
  "activity_settings",
  {
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    eventType: text("event_type").notNull(),
    stream: integer("stream", { mode: "boolean" }).notNull(),
    mail: integer("mail", { mode: "boolean" }).notNull(),
  },
  (t) => [primaryKey({ columns: [t.userId, t.eventType] })],
);

export const activityPreferences = sqliteTable("activity_preferences", {
  userId: text("user_id")
    .primaryKey()
    .references(() => users.id, { onDelete: "cascade" }),
  mailFrequency: text("mail_frequency", { enum: ["hourly", "daily", "weekly"] }).notNull(),
  favoritesOnly: integer("favorites_only", { mode: "boolean" }).notNull(),
  listOwnActions: integer("list_own_actions", { mode: "boolean" }).notNull(),
  mailOwnActions: integer("mail_own_actions", { mode: "boolean" }).notNull(),
  /** The newest activity already sent in a digest, and when: the next digest starts after it. */
  lastMailedActivityId: integer("last_mailed_activity_id").notNull().default(0),
  lastMailedAt: integer("last_mailed_at", { mode: "number" }).notNull().default(0),
});
