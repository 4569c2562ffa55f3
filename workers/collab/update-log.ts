import * as Y from "yjs";

// A Durable Object's SQLite rows hold at most 2 MB; larger states are split into parts of this size.
const PART_BYTES = 1024 * 1024;

/** What storage holds, in the form a new client can be sent as it is, without decoding or encoding it. */
export interface StoredState {
  /** The snapshot's state vector, kept beside it: what the room can claim to hold before it decodes anything. */
  stateVector: Uint8Array;
  snapshot: Uint8Array;
  /** Received since the snapshot, oldest first. */
  updates: Uint8Array[];
}

/**
 * The durable history of one Yjs document, in the Durable Object's own SQLite: a snapshot split into
 * parts, plus the updates received since. Compaction folds the updates into a new snapshot, so loading
 * costs one merge whatever the history's length.
 */
export class UpdateLog {
  // Counted once, then kept in memory: the hot path (one append per keystroke) does no extra query.
  private pending: number;
  /** The stored state once read or written (null: no usable snapshot), so that joins cost no query and no encoding. */
  private kept: StoredState | null | undefined;
  /** The updates since the snapshot merged into one, once per change rather than once per joining client. */
  private mergedSince: Uint8Array | undefined;

  constructor(private readonly sql: SqlStorage, private readonly storage: DurableObjectStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS collab_snapshot_parts (seq INTEGER PRIMARY KEY, data BLOB NOT NULL)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS collab_updates (id INTEGER PRIMARY KEY AUTOINCREMENT, data BLOB NOT NULL)`);
    sql.exec(`CREATE TABLE IF NOT EXISTS collab_snapshot_state_vector (id INTEGER PRIMARY KEY CHECK (id = 1), data BLOB NOT NULL)`);
    this.pending = sql.exec<{ n: number }>(`SELECT count(*) AS n FROM collab_updates`).one().n;
  }

  /** Every stored update, snapshot first, in the order they were received. */
  load(): Uint8Array[] {
    const stored = this.stored();
    if (stored) return [stored.snapshot, ...stored.updates];
    const parts = this.snapshotParts();
    return [...(parts.length ? [joinParts(parts)] : []), ...this.updates()];
  }

  /**
   * The snapshot with its state vector and the updates since, or undefined when there is no snapshot
   * or it was written before state vectors were kept beside it (the next compaction adds one).
   */
  stored(): StoredState | undefined {
    if (this.kept === undefined) {
      const row = [...this.sql.exec<{ data: ArrayBuffer }>(`SELECT data FROM collab_snapshot_state_vector`)][0];
      const parts = row ? this.snapshotParts() : [];
      this.kept = row && parts.length ? { stateVector: new Uint8Array(row.data), snapshot: joinParts(parts), updates: this.updates() } : null;
    }
    return this.kept ?? undefined;
  }

  /** The updates since the snapshot as one update, or undefined when there are none (or no snapshot). */
  updatesSinceSnapshot(): Uint8Array | undefined {
    const updates = this.stored()?.updates;
    if (!updates?.length) return undefined;
    return (this.mergedSince ??= updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates));
  }

  private snapshotParts(): Uint8Array[] {
    return [...this.sql.exec<{ data: ArrayBuffer }>(`SELECT data FROM collab_snapshot_parts ORDER BY seq`)].map((r) => new Uint8Array(r.data));
  }

  private updates(): Uint8Array[] {
    return [...this.sql.exec<{ data: ArrayBuffer }>(`SELECT data FROM collab_updates ORDER BY id`)].map((r) => new Uint8Array(r.data));
  }

  /** Appends one update. SQLite writes in a Durable Object are durable before any later output leaves it. */
  append(update: Uint8Array): void {
    if (update.byteLength > PART_BYTES) throw new RangeError("update too large for one row; compact instead");
    this.sql.exec(`INSERT INTO collab_updates (data) VALUES (?)`, update);
    this.pending++;
    this.kept?.updates.push(update);
    this.mergedSince = undefined;
  }

  pendingUpdates(): number {
    return this.pending;
  }

  /** Replaces snapshot and updates with the document's full state, atomically. */
  compact(doc: Y.Doc): void {
    const state = Y.encodeStateAsUpdate(doc);
    const stateVector = Y.encodeStateVector(doc);
    this.storage.transactionSync(() => {
      this.sql.exec(`DELETE FROM collab_snapshot_parts`);
      this.sql.exec(`DELETE FROM collab_updates`);
      for (let seq = 0, offset = 0; offset < state.byteLength || seq === 0; seq++, offset += PART_BYTES) {
        this.sql.exec(`INSERT INTO collab_snapshot_parts (seq, data) VALUES (?, ?)`, seq, state.subarray(offset, offset + PART_BYTES));
      }
      this.sql.exec(`INSERT OR REPLACE INTO collab_snapshot_state_vector (id, data) VALUES (1, ?)`, stateVector);
    });
    this.pending = 0;
    this.kept = { stateVector, snapshot: state, updates: [] };
    this.mergedSince = undefined;
  }
}

function joinParts(parts: Uint8Array[]): Uint8Array {
  if (parts.length === 1) return parts[0]!;
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let offset = 0;
  for (const part of parts) {
    out.set(part, offset);
    offset += part.byteLength;
  }
  return out;
}
