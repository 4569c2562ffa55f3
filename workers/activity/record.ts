import { sql } from "drizzle-orm";
import { activities } from "../../schema/core";
import type { Db } from "../db/client";
import type { Audience } from "../sharing/audience";
import type { ActivityType } from "./event-types";

export interface ActivityEntry {
  /** Whose stream shows it. */
  userId: string;
  actorId: string | null;
  type: ActivityType;
  fileId?: number | null;
  path?: string | null;
  details?: Record<string, unknown>;
}

// Rows travel as one JSON parameter per statement (D1 binds at most 100 parameters); all statements go in one batch.
const ROWS_PER_STATEMENT = 200;

/**
 * Writes activity rows, one per affected user, in one D1 round trip whatever their number. Settings
 * are applied when the stream is read, so changing them is retroactive.
 */
export async function recordActivity(db: Db, entries: readonly ActivityEntry[]): Promise<void> {
  const rows = entries.map((e) => ({
    u: e.userId,
    a: e.actorId,
    t: e.type,
    f: e.fileId ?? null,
    p: e.path ?? null,
    d: e.details ? JSON.stringify(e.details) : null,
  }));
  const statements = [];
  // INSERT … SELECT so that many rows cost one bound parameter; values in the order of activities' columns in the schema.
  for (let i = 0; i < rows.length; i += ROWS_PER_STATEMENT) {
    statements.push(
      db.insert(activities).select(
        sql`SELECT NULL, json_extract(value, '$.u'), json_extract(value, '$.a'), json_extract(value, '$.t'), json_extract(value, '$.f'), json_extract(value, '$.p'), json_extract(value, '$.d'), unixepoch()
          FROM json_each(${JSON.stringify(rows.slice(i, i + ROWS_PER_STATEMENT))})`,
      ),
    );
  }
  const [first, ...rest] = statements;
  if (first) await db.batch([first, ...rest]);
}

/** One entry per person who reaches the node, each with the node's path in their own view. */
export function entriesFor(audience: Audience, entry: Omit<ActivityEntry, "userId" | "path">): ActivityEntry[] {
  return [...audience.paths].map(([userId, path]) => ({ ...entry, userId, path }));
}
