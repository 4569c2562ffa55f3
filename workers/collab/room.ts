import { DurableObject } from "cloudflare:workers";
import * as Y from "yjs";
import type { Env } from "../env";
import { linkPrincipalOf } from "../sharing/public/link-principal";
import { AwarenessRelay, encodeAwarenessItems, stampGuests, type AwarenessItem } from "./awareness-relay";
import {
  answerSyncStep1,
  encodeAwareness,
  encodePermissionDenied,
  encodeSyncStep1,
  encodeSyncStep1FromStateVector,
  encodeSyncStep2,
  encodeUpdate,
  isEmptyStateVector,
  isEmptyUpdate,
  readMessage,
} from "./messages";
import { BroadcastOutbox } from "./outbox";
import { UpdateLog, type StoredState } from "./update-log";

/** Who is on a socket; it survives hibernation as the socket's attachment. */
export interface CollabConnection {
  userId: string;
  readOnly: boolean;
  /** Awareness client ids this socket speaks for, so that they can be announced gone when it closes. */
  clientIds: number[];
  warnedReadOnly: boolean;
  /**
   * When this socket's rights were last set from the authorization service (ms): at connection, and
   * when an answer changed them. Later confirmations are kept in the room's memory, per user.
   */
  checkedAt?: number;
}

/** Headers the Worker sets after it has authenticated and authorised the caller; clients cannot reach the room directly. */
export const COLLAB_USER_HEADER = "X-Cumulus-Collab-User";
export const COLLAB_ACCESS_HEADER = "X-Cumulus-Collab-Access";
export const COLLAB_ROOM_HEADER = "X-Cumulus-Collab-Room";

/** WebSocket close code for "your access was revoked". */
export const CLOSE_REVOKED = 4403;

// An empty update (no structs, no deletions): what a fresh read-only client answers to sync step 1.
const EMPTY_UPDATE_BYTES = 2;

/** How often everyone gets the active states again: under y-websocket's 30 s timeouts, with margin. */
export const AWARENESS_REFRESH_MS = 10_000;
/**
 * How stale a writer's access may be when an update arrives: a revoked share or a disabled account
 * stops changing the document within this time. Readers are swept at every awareness refresh.
 */
export const ACCESS_RECHECK_MS = 2_000;
/** How many recently active people each refresh carries; the rest are counted in the room's own state. */
export const AWARENESS_ACTIVE_LIMIT = 64;
// The room speaks in awareness too, with one summary state; this id is outside the 32-bit range clients draw from.
const ROOM_CLIENT_ID = 2 ** 32;

/**
 * One collaborative Yjs document per Durable Object, speaking y-websocket's protocol with the WebSocket
 * Hibernation API, so an idle document costs nothing. Documents, boards and mind maps all extend it.
 *
 * Every update is written to the object's SQLite before it is broadcast; the runtime's output gate holds
 * the broadcast until that write is durable, so no client hears of an update that could be lost.
 */
export abstract class CollabRoom<E extends Env = Env> extends DurableObject<E> {
  protected doc = new Y.Doc();
  private log: UpdateLog;
  private readonly awareness = new AwarenessRelay();
  private readonly outbox = new BroadcastOutbox(
    () => this.sockets(),
    (ws, frame) => this.send(ws, frame),
  );
  // Starts from the clock so that a room woken from hibernation still counts up past what clients saw.
  private summaryClock = Date.now();
  /** Updates kept as single rows before they are folded into a snapshot. */
  protected compactAfter = 500;

  constructor(ctx: DurableObjectState, env: E) {
    super(ctx, env);
    this.log = new UpdateLog(ctx.storage.sql, ctx.storage);
  }

  private loaded: Promise<void> | undefined;
  /** The connected sockets, listed again only when one joins or leaves: a busy room asks for them at every change. */
  private socketList: WebSocket[] | undefined;

  private sockets(): WebSocket[] {
    return (this.socketList ??= this.ctx.getWebSockets());
  }

  /**
   * Rebuilds the document from SQLite (again after every hibernation) before anything touches it.
   * Lazy rather than in the constructor: a new room learns its key from its first connection, and
   * onLoad may need it to seed the document.
   */
  protected ensureLoaded(): Promise<void> {
    this.loaded ??= this.ctx.blockConcurrencyWhile(() => this.loadDocument());
    return this.loaded;
  }

  /** The room's key (e.g. the file id), stored at first connection so that hooks can use it after hibernation. */
  protected async roomKey(): Promise<string | undefined> {
    return this.ctx.storage.get<string>("roomKey");
  }

  /** A subclass that keeps history for named versions returns `new Y.Doc({ gc: false })`. */
  protected createDoc(): Y.Doc {
    return new Y.Doc();
  }

  /** Called once the stored state is loaded; a subclass may seed an empty document here. */
  protected onLoad(_doc: Y.Doc): void | Promise<void> {}

  /** Called after each durable change from a client (not after loading). */
  protected onChange(_origin: unknown): void | Promise<void> {}

  /** Called when the last socket closes. */
  protected onLastDisconnect(): void | Promise<void> {}

  private async loadDocument() {
    const doc = this.createDoc();
    const stored = this.log.load();
    if (stored.length) doc.transact(() => stored.forEach((u) => Y.applyUpdate(doc, u)));
    this.doc = doc;
    // Listening before onLoad, so that a seed is stored like any update: a room reloaded later must
    // find it, or it would seed a second copy that clients holding the first one then merge in.
    doc.on("update", (update: Uint8Array, origin: unknown) => this.persistAndBroadcast(update, origin));
    await this.onLoad(doc);
  }

  private persistAndBroadcast(update: Uint8Array, origin: unknown) {
    try {
      this.log.append(update);
      if (this.log.pendingUpdates() >= this.compactAfter) this.log.compact(this.doc);
    } catch (error) {
      if (!(error instanceof RangeError)) throw error;
      this.log.compact(this.doc); // too big for one row: the snapshot splits it
    }
    this.outbox.update(update, origin);
    void this.onChange(origin);
  }

  /** Folds stored updates into one snapshot now (also done automatically every `compactAfter` updates). */
  async compact(): Promise<void> {
    await this.ensureLoaded();
    this.log.compact(this.doc);
  }

  override async fetch(request: Request): Promise<Response> {
    if (request.headers.get("Upgrade")?.toLowerCase() !== "websocket") {
      return new Response("Expected a WebSocket upgrade", { status: 426 });
    }
    const userId = request.headers.get(COLLAB_USER_HEADER);
    const access = request.headers.get(COLLAB_ACCESS_HEADER);
    if (!userId || (access !== "read" && access !== "write")) return new Response("Missing identity", { status: 400 });
    const room = request.headers.get(COLLAB_ROOM_HEADER);
    if (room && (await this.roomKey()) !== room) await this.ctx.storage.put("roomKey", room);
    // Decoding a long-edited document costs about as much CPU as all the rest of a cold start: a room
    // with a snapshot stored leaves it for when a change, or a client holding part of it, needs it.
    const stored = this.loaded ? undefined : this.log.stored();
    if (!stored) await this.ensureLoaded();

    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server, [`user:${userId}`]);
    this.socketList = undefined;
    this.holdAccess(userId, access);
    const connection: CollabConnection = { userId, readOnly: access === "read", clientIds: [], warnedReadOnly: false, checkedAt: Date.now() };
    server.serializeAttachment(connection);
    server.send(stored ? encodeSyncStep1FromStateVector(stored.stateVector) : encodeSyncStep1(this.doc));
    server.send(this.awarenessRefresh());
    await this.scheduleAlarm(Date.now() + AWARENESS_REFRESH_MS);
    return new Response(null, { status: 101, webSocket: client });
  }

  override async webSocketMessage(ws: WebSocket, data: ArrayBuffer | string): Promise<void> {
    if (typeof data === "string") return; // the protocol is binary; text frames carry nothing for us
    let message: ReturnType<typeof readMessage>;
    try {
      message = readMessage(new Uint8Array(data));
    } catch {
      ws.close(1007, "Malformed message");
      return;
    }
    switch (message.kind) {
      case "syncStep1": {
        const stored = isEmptyStateVector(message.stateVector) ? this.log.stored() : undefined;
        if (stored) return this.sendStored(ws, stored);
        await this.ensureLoaded();
        this.send(ws, answerSyncStep1(message.stateVector, this.doc));
        return;
      }
      case "syncWrite": {
        // A new client's answer to sync step 1 holds nothing: no reason to decode the document for it.
        if (isEmptyUpdate(message.update)) return;
        await this.ensureLoaded();
        const current = await this.confirmAccess(ws, ws.deserializeAttachment() as CollabConnection);
        if (!current) return;
        if (current.readOnly) return this.refuseWrite(ws, current, message.update);
        try {
          Y.applyUpdate(this.doc, message.update, ws);
        } catch {
          ws.close(1007, "Malformed update");
        }
        return;
      }
      case "awareness":
        return this.relayAwareness(ws, ws.deserializeAttachment() as CollabConnection, message.update);
      case "queryAwareness":
        this.send(ws, this.awarenessRefresh());
        return;
    }
  }

  /**
   * The whole document for a client that holds none of it, as stored: no decoding before the room
   * needs the document, and no encoding of it per joining client after. The updates since the
   * snapshot go first, so that the client's "synced" (on step 2) means it has everything.
   */
  private sendStored(ws: WebSocket, stored: StoredState) {
    const since = this.log.updatesSinceSnapshot();
    if (since) this.send(ws, encodeUpdate(since));
    this.send(ws, encodeSyncStep2(stored.snapshot));
  }

  /**
   * What the authorization service says of this user now, or undefined when the room cannot ask it
   * (rooms whose rights are settled at connection time). Subclasses answer for their file.
   */
  protected accessNow(_userId: string): Promise<"read" | "write" | null | undefined> {
    return Promise.resolve(undefined);
  }

  /**
   * A writer's rights, confirmed if the last check is older than ACCESS_RECHECK_MS: the connection
   * with its current rights, or null when it was closed because access ended. Someone typing has
   * their rights asked again in the background from half that age on, so that their keystrokes do
   * not wait for the authorization service, and no change is ever taken on an older answer.
   */
  private async confirmAccess(ws: WebSocket, connection: CollabConnection): Promise<CollabConnection | null> {
    const checkedAt = Math.max(connection.checkedAt ?? 0, this.confirmedAt.get(connection.userId) ?? 0);
    const age = Date.now() - checkedAt;
    if (connection.readOnly || age < ACCESS_RECHECK_MS / 2) return connection;
    if (age < ACCESS_RECHECK_MS) {
      this.recheckInBackground(connection.userId);
      return connection;
    }
    await this.applyAccess(connection.userId);
    return ws.readyState === WebSocket.READY_STATE_OPEN ? (ws.deserializeAttachment() as CollabConnection) : null;
  }

  private readonly rechecking = new Set<string>();
  /**
   * When each user's access was last confirmed. Kept in memory so that a confirmation writes nothing
   * to their sockets (a shared account or a public link may hold hundreds); a room woken from
   * hibernation falls back on the sockets' own `checkedAt`, and so asks again.
   */
  private readonly confirmedAt = new Map<string, number>();
  /** The access all of a user's sockets hold, when they hold the same: an unchanged answer then touches none of them. */
  private readonly heldAccess = new Map<string, "read" | "write">();

  /** A new socket of `userId` was accepted with `access`. */
  private holdAccess(userId: string, access: "read" | "write") {
    const alone = this.ctx.getWebSockets(`user:${userId}`).length === 1;
    if (alone || this.heldAccess.get(userId) === access) this.heldAccess.set(userId, access);
    else this.heldAccess.delete(userId);
  }

  private recheckInBackground(userId: string) {
    if (this.rechecking.has(userId)) return;
    this.rechecking.add(userId);
    // A failed check is not an answer: the next change past ACCESS_RECHECK_MS asks again, and waits.
    void this.applyAccess(userId)
      .catch(() => undefined)
      .finally(() => this.rechecking.delete(userId));
  }

  /** Asks once for a user and applies the answer to all their sockets: closed, lowered, raised, or kept. */
  private async applyAccess(userId: string): Promise<void> {
    const access = await this.accessNow(userId);
    if (access === undefined) return;
    this.confirmedAt.set(userId, Date.now());
    if (access !== null && this.heldAccess.get(userId) === access) return;
    for (const ws of this.ctx.getWebSockets(`user:${userId}`)) {
      if (access === null) {
        ws.close(CLOSE_REVOKED, "Access revoked");
        continue;
      }
      const connection = ws.deserializeAttachment() as CollabConnection;
      const readOnly = access === "read";
      if (readOnly === connection.readOnly) continue;
      ws.serializeAttachment({ ...connection, readOnly, warnedReadOnly: false, checkedAt: Date.now() });
    }
    if (access === null) this.heldAccess.delete(userId);
    else this.heldAccess.set(userId, access);
  }

  /** Re-checks everyone connected: idle readers lose a revoked share too, not only those who type. */
  private async sweepAccess(): Promise<void> {
    const users = new Set(this.sockets().map((ws) => (ws.deserializeAttachment() as CollabConnection).userId));
    for (const userId of users) await this.applyAccess(userId);
  }

  private refuseWrite(ws: WebSocket, connection: CollabConnection, update: Uint8Array) {
    if (update.byteLength <= EMPTY_UPDATE_BYTES || connection.warnedReadOnly) return;
    this.send(ws, encodePermissionDenied("read-only: your changes are not saved"));
    ws.serializeAttachment({ ...connection, warnedReadOnly: true });
  }

  private relayAwareness(ws: WebSocket, connection: CollabConnection, update: Uint8Array) {
    let result: ReturnType<AwarenessRelay["apply"]>;
    try {
      // A public link's visitors cannot pass for members (their names are their own to type).
      result = this.awareness.apply(linkPrincipalOf(connection.userId) ? stampGuests(update) : update);
    } catch {
      ws.close(1007, "Malformed awareness update");
      return;
    }
    const added = result.clientIds.filter((id) => !connection.clientIds.includes(id));
    if (added.length) ws.serializeAttachment({ ...connection, clientIds: [...connection.clientIds, ...added] });
    if (result.changed.length) this.outbox.awarenessChanged(result.changed, ws);
  }

  /** The active states plus the room's summary ("present": how many are connected), as one frame. */
  private awarenessRefresh(): Uint8Array {
    this.summaryClock += 1;
    const summary: AwarenessItem = {
      clientId: ROOM_CLIENT_ID,
      clock: this.summaryClock,
      state: JSON.stringify({ cumulusRoom: { present: this.sockets().length } }),
    };
    return encodeAwareness(encodeAwarenessItems([summary, ...this.awareness.active(AWARENESS_ACTIVE_LIMIT)]));
  }

  /** Sets the alarm to `at` unless an earlier one is already due. */
  protected async scheduleAlarm(at: number): Promise<void> {
    const current = await this.ctx.storage.getAlarm();
    if (current === null || current > at) await this.ctx.storage.setAlarm(at);
  }

  /** Subclasses' own timed work (e.g. a debounced save); they call scheduleAlarm to be woken. */
  protected onAlarm(): void | Promise<void> {}

  override async alarm(): Promise<void> {
    this.socketList = undefined; // also drops, every refresh, a socket whose end was never reported
    await this.ensureLoaded();
    if (this.sockets().length > 0) {
      await this.sweepAccess();
      // Keeps everyone's view of the active people fresh, and keeps idle clients from timing out.
      this.broadcast(this.awarenessRefresh());
      await this.scheduleAlarm(Date.now() + AWARENESS_REFRESH_MS);
    }
    await this.onAlarm();
  }

  override async webSocketClose(ws: WebSocket): Promise<void> {
    await this.forget(ws);
  }

  override async webSocketError(ws: WebSocket): Promise<void> {
    await this.forget(ws);
  }

  private async forget(ws: WebSocket) {
    this.socketList = undefined;
    const connection = ws.deserializeAttachment() as CollabConnection | null;
    const gone = connection ? this.awareness.remove(connection.clientIds) : [];
    if (gone.length) this.outbox.awarenessChanged(gone, ws);
    try {
      ws.close(1000, "Closed");
    } catch {
      // already closed
    }
    if (!this.sockets().every((other) => other === ws)) return;
    await this.onLastDisconnect();
    // The document is in memory now: folding the session's updates spares the next visitor the decoding
    // (a woken room sends a snapshot as it is) and keeps the history to one row.
    if (this.loaded && this.log.pendingUpdates() > 0) {
      await this.loaded;
      this.log.compact(this.doc);
    }
  }

  /** Closes every socket of a user whose access ended (share revoked, account disabled). */
  async disconnectUser(userId: string, reason = "Access revoked"): Promise<number> {
    const sockets = this.ctx.getWebSockets(`user:${userId}`);
    for (const ws of sockets) ws.close(CLOSE_REVOKED, reason);
    this.heldAccess.delete(userId);
    return sockets.length;
  }

  /** Ends every session (the document was deleted) and forgets the stored state. */
  async close(reason: string): Promise<void> {
    for (const ws of this.sockets()) ws.close(CLOSE_REVOKED, reason);
    this.socketList = undefined;
    this.heldAccess.clear();
    await this.ctx.storage.deleteAlarm();
    await this.ctx.storage.deleteAll();
    this.log = new UpdateLog(this.ctx.storage.sql, this.ctx.storage); // its tables went with the rest
    this.loaded = undefined;
  }

  /** Lowers or raises a connected user's rights without reconnecting them. */
  async setAccess(userId: string, access: "read" | "write"): Promise<void> {
    for (const ws of this.ctx.getWebSockets(`user:${userId}`)) {
      const connection = ws.deserializeAttachment() as CollabConnection;
      ws.serializeAttachment({ ...connection, readOnly: access === "read", warnedReadOnly: false });
    }
    this.heldAccess.set(userId, access);
  }

  protected broadcast(message: Uint8Array, except?: unknown) {
    for (const ws of this.sockets()) if (ws !== except) this.send(ws, message);
  }

  private send(ws: WebSocket, message: Uint8Array) {
    try {
      ws.send(message);
    } catch {
      // a socket that is closing; its close handler cleans up
    }
  }
}
