import { sql } from "drizzle-orm";
import { index, integer, sqliteTable, text } from "drizzle-orm/sqlite-core";
import { users } from "./accounts";

const now = sql`(unixepoch())`;

/** One per device: the desktop client, a phone, rclone. Only a SHA-256 of the token is kept. */
export const appPasswords = sqliteTable(
  "app_passwords",
  {
    id: integer("id").primaryKey({ autoIncrement: true }),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    name: text("name").notNull(),
    tokenHash: text("token_hash").notNull().unique(),
    createdAt: integer("created_at", { mode: "number" }).notNull().default(now),
    lastUsedAt: integer("last_used_at", { mode: "number" }),
  },
  (t) => [index("app_passwords_user_idx").on(t.userId)],
);

/** Browser sessions. The cookie carries the id; only its SHA-256 is stored. */
export const sessions = sqliteTable(
  "sessions",
  {
    idHash: text("id_hash").primaryKey(),
    userId: text("user_id")
      .notNull()
      .references(() => users.id, { onDelete: "cascade" }),
    csrfToken: text("csrf_token").notNull(),
    createdAt: integer("created_at", { mode: "number" }).notNull().default(now),
    expiresAt: integer("expires_at", { mode: "number" }).notNull(),
  },
  (t) => [index("sessions_user_idx").on(t.userId)],
);

/** Failed login counters per key (login name, client address) and time window. */
export const loginAttempts = sqliteTable("login_attempts", {
  key: text("key").primaryKey(),
  windowStart: integer("window_start", { mode: "number" }).notNull(),
  failures: integer("failures").notNull(),
});

/**
 * Login Flow v2. Only a hash of the poll token is kept, and the app password is made when the client
 * polls after the grant, so no usable secret ever waits in the database.
 */
export const loginFlows = sqliteTable("login_flows", {
  pollIdHash: text("poll_id_hash").primaryKey(),
  loginToken: text("login_token").notNull().unique(),
  clientName: text("client_name").notNull(),
  userId: text("user_id").references(() => users.id, { onDelete: "cascade" }),
  createdAt: integer("created_at", { mode: "number" }).notNull(),
});

/** Secrets the instance makes for itself (e.g. the key that signs collaboration tokens). */
export const instanceSecrets = sqliteTable("instance_secrets", {
  name: text("name").primaryKey(),
  value: text("value").notNull(),
});
