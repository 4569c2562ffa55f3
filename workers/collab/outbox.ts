import * as Y from "yjs";
import { encodeAwarenessItems, type AwarenessItem } from "./awareness-relay";
import { encodeAwareness, encodeUpdate } from "./messages";

/** The longest a change waits to be sent with others, in the busiest rooms. */
export const MAX_COALESCE_MS = 100;

/**
 * How long changes are gathered before they go out, for a room of `connected` sockets: a tenth of a
 * millisecond per socket. Each flush costs one frame per socket and per kind (document, awareness),
 * so a room of 1,000 sends at most 20,000 frames a second however many people type, where sending
 * each change at once would cost 1,000 frames per keystroke and per cursor move. A small room waits
 * for nothing that anyone would notice.
 */
export const coalesceMsFor = (connected: number) => Math.min(MAX_COALESCE_MS, connected / 10);

interface Pending<T> {
  item: T;
  from: unknown;
}

/**
 * What the room tells everyone, gathered into as few frames as possible: the document updates of
 * one flush merge into one update, and the awareness changes into one message. The first change
 * after a quiet spell goes out at once; changes that follow within the window wait for its end.
 * Nobody is sent back their own change (a socket that sent some of the flush gets the rest only),
 * unless many sent at once.
 */
export class BroadcastOutbox {
  private updates: Pending<Uint8Array>[] = [];
  private awareness: Pending<AwarenessItem>[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlushAt = 0;

  constructor(
    private readonly sockets: () => WebSocket[],
    private readonly send: (ws: WebSocket, frame: Uint8Array) => void,
  ) {}

  update(update: Uint8Array, from: unknown): void {
    this.updates.push({ item: update, from });
    this.schedule();
  }

  awarenessChanged(items: readonly AwarenessItem[], from: unknown): void {
    for (const item of items) this.awareness.push({ item, from });
    this.schedule();
  }

  private schedule() {
    if (this.timer !== undefined) return;
    const wait = this.lastFlushAt + coalesceMsFor(this.sockets().length) - Date.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  flush(): void {
    if (this.timer !== undefined) clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlushAt = Date.now();
    // Taken before encoding: a change that cannot be encoded is dropped with its flush, not kept to fail every later one.
    const updates = this.updates;
    const awareness = this.awareness;
    this.updates = [];
    this.awareness = [];
    const frames = [
      framesFor(updates, (items) => encodeUpdate(items.length === 1 ? items[0]! : Y.mergeUpdates(items))),
      framesFor(awareness, (items) => encodeAwareness(encodeAwarenessItems(latestPerClient(items)))),
    ].filter((f) => f !== undefined);
    for (const ws of this.sockets()) {
      for (const { toAll, toSender } of frames) {
        const frame = toSender.has(ws) ? toSender.get(ws) : toAll;
        if (frame) this.send(ws, frame);
      }
    }
  }
}

/**
 * Past this many senders in one flush, everyone gets the same frame, their own changes included: a
 * frame per sender would cost senders × changes, and an echo is harmless (Yjs skips what it has, and
 * awareness ignores a state whose clock it already holds).
 */
const SENDER_FRAMES_MAX = 16;

/** One frame for everyone, and one per sender without what it sent itself (null: nothing left). */
function framesFor<T>(pending: readonly Pending<T>[], encode: (items: T[]) => Uint8Array) {
  if (!pending.length) return undefined;
  const toAll = encode(pending.map((p) => p.item));
  const toSender = new Map<unknown, Uint8Array | null>();
  const senders = new Set(pending.map((p) => p.from));
  if (senders.size > SENDER_FRAMES_MAX) return { toAll, toSender };
  for (const sender of senders) {
    const others = pending.filter((p) => p.from !== sender).map((p) => p.item);
    toSender.set(sender, others.length ? encode(others) : null);
  }
  return { toAll, toSender };
}

/** A client's later state replaces its earlier one within a flush. */
function latestPerClient(items: readonly AwarenessItem[]): AwarenessItem[] {
  const latest = new Map<number, AwarenessItem>();
  for (const item of items) {
    const seen = latest.get(item.clientId);
    if (!seen || seen.clock <= item.clock) latest.set(item.clientId, item);
  }
  return [...latest.values()];
}
