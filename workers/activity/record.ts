import { activities } from "../../schema/core";
import type { Db } from "../db/client";
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

// D1 limits a statement to 100 bound parameters; 7 columns a row leaves room for 14 rows.
const ROWS_PER_INSERT = 14;

/** Writes activity rows, one per affected user. Settings are applied when the stream is read, so changing them is retroactive. */
export async function recordActivity(db: Db, entries: readonly ActivityEntry[]): Promise<void> {
  const rows = entries.map((e) => ({
    userId: e.userId,
    actorId: e.actorId,
    type: e.type,
    fileId: e.fileId ?? null,
    path: e.path ?? null,
    details: e.details ? JSON.stringify(e.details) : null,
  }));
  for (let i = 0; i < rows.length; i += ROWS_PER_INSERT) await db.insert(activities).values(rows.slice(i, i + ROWS_PER_INSERT));
}
