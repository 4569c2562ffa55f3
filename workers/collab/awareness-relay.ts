import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

interface Entry {
  clock: number;
  state: string;
}

/**
 * The server's view of awareness (cursors, names, "who is here"), kept as the raw JSON the clients
 * sent: the server never needs to read it, only to hand the latest of each client to newcomers
 * and to announce departures. It has no timers, so an idle room can hibernate.
 */
export class AwarenessRelay {
  private readonly entries = new Map<number, Entry>();

  /** Records an update; returns the client ids it mentions, with whether each one left. */
  apply(update: Uint8Array): { clientId: number; removed: boolean }[] {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const seen: { clientId: number; removed: boolean }[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      const removed = state === "null";
      const current = this.entries.get(clientId);
      if (current && current.clock > clock) continue;
      if (removed) this.entries.delete(clientId);
      else this.entries.set(clientId, { clock, state });
      seen.push({ clientId, removed });
    }
    return seen;
  }

  /** Everyone's current state, for a client that just arrived; undefined when the room is empty. */
  encodeAll(): Uint8Array | undefined {
    if (this.entries.size === 0) return undefined;
    return this.encode([...this.entries].map(([clientId, e]) => ({ clientId, clock: e.clock, state: e.state })));
  }

  /** Marks clients as gone (their connection closed) and returns the update that tells the others. */
  remove(clientIds: readonly number[]): Uint8Array | undefined {
    const gone = clientIds.map((clientId) => ({ clientId, clock: (this.entries.get(clientId)?.clock ?? 0) + 1, state: "null" }));
    for (const id of clientIds) this.entries.delete(id);
    return gone.length ? this.encode(gone) : undefined;
  }

  private encode(items: { clientId: number; clock: number; state: string }[]): Uint8Array {
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, items.length);
    for (const { clientId, clock, state } of items) {
      encoding.writeVarUint(encoder, clientId);
      encoding.writeVarUint(encoder, clock);
      encoding.writeVarString(encoder, state);
    }
    return encoding.toUint8Array(encoder);
  }
}
