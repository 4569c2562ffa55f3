import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";

interface Entry {
  clock: number;
  state: string;
  changedAt: number;
}

export interface AwarenessItem {
  clientId: number;
  clock: number;
  state: string;
}

/**
 * The server's view of awareness (cursors, names, "who is here"), kept as the raw JSON clients sent:
 * the server never needs to read it.
 *
 * Relaying every message to everyone, as y-websocket's own server does, costs N² frames: each of N
 * clients renews its state every 15 s. Here only real changes (a join, a cursor move, a departure) go
 * to everyone at once; renewals are absorbed, and the room re-sends the recently active states to all
 * in one frame every few seconds. Traffic then grows with N, not N².
 */
export class AwarenessRelay {
  private readonly entries = new Map<number, Entry>();

  get size(): number {
    return this.entries.size;
  }

  /**
   * Records an update. Returns the items whose state really changed (to broadcast now) and every
   * client id it mentions (so the room knows which socket speaks for whom).
   */
  apply(update: Uint8Array, now = Date.now()): { changed: AwarenessItem[]; clientIds: number[] } {
    const decoder = decoding.createDecoder(update);
    const count = decoding.readVarUint(decoder);
    const changed: AwarenessItem[] = [];
    const clientIds: number[] = [];
    for (let i = 0; i < count; i++) {
      const clientId = decoding.readVarUint(decoder);
      const clock = decoding.readVarUint(decoder);
      const state = decoding.readVarString(decoder);
      clientIds.push(clientId);
      const current = this.entries.get(clientId);
      if (current && current.clock >= clock) continue;
      if (state === "null") {
        if (current) changed.push({ clientId, clock, state });
        this.entries.delete(clientId);
      } else if (current && current.state === state) {
        current.clock = clock; // a renewal: nothing new to tell anyone
      } else {
        this.entries.set(clientId, { clock, state, changedAt: now });
        changed.push({ clientId, clock, state });
      }
    }
    return { changed, clientIds };
  }

  /** The `limit` most recently changed states: what a newcomer and the periodic refresh carry. */
  active(limit: number): AwarenessItem[] {
    return [...this.entries]
      .sort((a, b) => b[1].changedAt - a[1].changedAt)
      .slice(0, limit)
      .map(([clientId, e]) => ({ clientId, clock: e.clock, state: e.state }));
  }

  /** Marks clients as gone (their socket closed); returns the items that tell the others. */
  remove(clientIds: readonly number[]): AwarenessItem[] {
    const gone: AwarenessItem[] = [];
    for (const clientId of clientIds) {
      const entry = this.entries.get(clientId);
      if (!entry) continue;
      gone.push({ clientId, clock: entry.clock + 1, state: "null" });
      this.entries.delete(clientId);
    }
    return gone;
  }
}

export function encodeAwarenessItems(items: readonly AwarenessItem[]): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, items.length);
  for (const { clientId, clock, state } of items) {
    encoding.writeVarUint(encoder, clientId);
    encoding.writeVarUint(encoder, clock);
    encoding.writeVarString(encoder, state);
  }
  return encoding.toUint8Array(encoder);
}

/**
 * An awareness update from someone without an account (a public link's visitor), made unable to pass
 * for a member: each state's `user` is marked `guest`, and an id not of the guests' own `guest:` form
 * is replaced by one. Clients name guests as such from that mark, whatever name they typed.
 */
export function stampGuests(update: Uint8Array): Uint8Array {
  const decoder = decoding.createDecoder(update);
  const items: AwarenessItem[] = [];
  for (let count = decoding.readVarUint(decoder); count > 0; count--) {
    const clientId = decoding.readVarUint(decoder);
    const clock = decoding.readVarUint(decoder);
    items.push({ clientId, clock, state: stampedState(clientId, decoding.readVarString(decoder)) });
  }
  return encodeAwarenessItems(items);
}

function stampedState(clientId: number, state: string): string {
  if (state === "null") return state;
  let parsed: unknown;
  try {
    parsed = JSON.parse(state);
  } catch {
    return "null"; // not a state any client could read: the guest is shown as gone
  }
  if (typeof parsed !== "object" || parsed === null || Array.isArray(parsed)) return state;
  const fields = parsed as Record<string, unknown>;
  const user = typeof fields.user === "object" && fields.user !== null && !Array.isArray(fields.user) ? (fields.user as Record<string, unknown>) : {};
  const id = typeof user.id === "string" && user.id.startsWith("guest:") ? user.id : `guest:${clientId}`;
  return JSON.stringify({ ...fields, user: { ...user, id, guest: true } });
}
