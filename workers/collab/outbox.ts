import * as Y from "yjs";
import { encodeAwarenessItems, type AwarenessItem } from "./awareness-relay";
import { encodeAwareness, encodeUpdate } from "./messages";

/** The longest a document change waits to be sent with others, in the busiest rooms. */
export const MAX_COALESCE_MS = 50;
/** The longest an awareness change (a cursor, a name) waits, in the busiest rooms. */
export const MAX_AWARENESS_COALESCE_MS = 200;

/**
 * How long document changes are gathered before they go out, for a room of `connected` sockets. Each
 * flush costs one frame per socket, and a larger room also has more people typing, so more changes to
 * merge: the window grows with the square of the room's size. A room of 100 waits at most half a
 * millisecond, one of 500 at most 12.5 ms, one of 1,000 or more 50 ms: it then sends at most 20,000
 * text frames a second however many people type, where sending each change at once would cost 1,000
 * frames per keystroke.
 */
export const coalesceMsFor = (connected: number) => Math.min(MAX_COALESCE_MS, (connected * connected) / 20_000);

/**
 * Awareness (cursors, names) waits a fifth of a millisecond per socket, up to 200 ms: a cursor that
 * moves a tenth of a second late goes unseen, text that arrives late does not. With its own, longer
 * window a busy room spends most of its frames on text.
 */
export const awarenessCoalesceMsFor = (connected: number) => Math.min(MAX_AWARENESS_COALESCE_MS, connected / 5);

interface Pending<T> {
  item: T;
  from: unknown;
}

/** One frame for everyone, and one per sender without what it sent itself (null: nothing left for it). */
interface Frames {
  toAll: Uint8Array;
  toSender: Map<unknown, Uint8Array | null>;
}

/**
 * Changes of one kind, gathered into one frame per window. The first change after a quiet spell goes
 * out at once; changes that follow within the window wait for its end.
 */
class CoalescingChannel<T> {
  private pending: Pending<T>[] = [];
  private timer: ReturnType<typeof setTimeout> | undefined;
  private lastFlushAt = 0;

  constructor(
    private readonly windowMs: () => number,
    private readonly encode: (items: T[]) => Uint8Array,
    private readonly sendAll: (frames: Frames) => void,
  ) {}

  add(items: readonly T[], from: unknown): void {
    for (const item of items) this.pending.push({ item, from });
    if (this.timer !== undefined) return;
    const wait = this.lastFlushAt + this.windowMs() - Date.now();
    if (wait <= 0) this.flush();
    else this.timer = setTimeout(() => this.flush(), wait);
  }

  private flush(): void {
    clearTimeout(this.timer);
    this.timer = undefined;
    this.lastFlushAt = Date.now();
    // Taken before encoding: a change that cannot be encoded is dropped with its flush, not kept to fail every later one.
    const pending = this.pending;
    this.pending = [];
    if (pending.length) this.sendAll(framesFor(pending, this.encode));
  }
}

/**
 * What the room tells everyone, in as few frames as possible: the document updates of one window merge
 * into one update, and the awareness changes of a (longer) window into one message. Nobody is sent
 * back their own change (a socket that sent some of a flush gets the rest only), unless many sent at once.
 */
export class BroadcastOutbox {
  private readonly documents: CoalescingChannel<Uint8Array>;
  private readonly awareness: CoalescingChannel<AwarenessItem>;

  constructor(
    private readonly sockets: () => WebSocket[],
    private readonly send: (ws: WebSocket, frame: Uint8Array) => void,
  ) {
    const sendAll = (frames: Frames) => this.sendAll(frames);
    this.documents = new CoalescingChannel(
      () => coalesceMsFor(this.sockets().length),
      (updates) => encodeUpdate(updates.length === 1 ? updates[0]! : Y.mergeUpdates(updates)),
      sendAll,
    );
    this.awareness = new CoalescingChannel(
      () => awarenessCoalesceMsFor(this.sockets().length),
      (items) => encodeAwareness(encodeAwarenessItems(latestPerClient(items))),
      sendAll,
    );
  }

  update(update: Uint8Array, from: unknown): void {
    this.documents.add([update], from);
  }

  awarenessChanged(items: readonly AwarenessItem[], from: unknown): void {
    this.awareness.add(items, from);
  }

  private sendAll({ toAll, toSender }: Frames): void {
    for (const ws of this.sockets()) {
      const frame = toSender.has(ws) ? toSender.get(ws) : toAll;
      if (frame) this.send(ws, frame);
    }
  }
}

/**
 * Past this many senders in one flush, everyone gets the same frame, their own changes included: a
 * frame per sender would cost senders × changes, and an echo is harmless (Yjs skips what it has, and
 * awareness ignores a state whose clock it already holds).
 */
const SENDER_FRAMES_MAX = 16;

function framesFor<T>(pending: readonly Pending<T>[], encode: (items: T[]) => Uint8Array): Frames {
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
