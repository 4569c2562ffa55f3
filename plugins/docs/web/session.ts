import { signal } from "@preact/signals";
import { IndexeddbPersistence } from "y-indexeddb";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { ApiFailure } from "../../../web/src/api/http";
import type { CollabGrant } from "./api";

/** The document's link to the server: before the first sync, live, cut off, or closed for good. */
export type Connection = "connecting" | "online" | "offline" | "revoked" | "missing";

// Close codes the room uses when access ended (workers/collab/room.ts CLOSE_REVOKED), and 44xx in general.
const isTerminal = (code: number) => code >= 4400 && code < 4500;
const RETRY_MS = [300, 1_000, 2_000, 3_000];
const SETTLE_MS = 300;

/**
 * One open document: the Y.Doc, kept in IndexedDB so that offline edits survive a reload, and the
 * unmodified y-websocket provider. Each (re)connection asks for a fresh token, since they last minutes.
 */
export class DocumentSession {
  readonly doc = new Y.Doc();
  readonly provider: WebsocketProvider;
  readonly connection = signal<Connection>("connecting");
  /** Local changes the server has not yet been sent. */
  readonly pending = signal(false);
  /** Read-only until the server (or, offline, what it said last time) says otherwise. */
  readonly readOnly = signal(true);
  readonly accessKnown = signal(false);
  /** Whether there is something to show and edit: the server's state, or what this browser kept. */
  readonly ready = signal(false);
  /** This browser's copy, for offline edits; none for a public link's visitors (see the constructor). */
  private readonly persistence: IndexeddbPersistence | null;
  private attempts = 0;
  private retry: ReturnType<typeof setTimeout> | undefined;
  private settle: ReturnType<typeof setTimeout> | undefined;
  private stopped = false;
  private everSynced = false;

  /**
   * `keeper` names whose copy this browser keeps, or null to keep none: a public link's visitor may be
   * on a shared computer (a school's), and the text must not outlive the link there. `fetchGrant` asks
   * for a pass to the room, with the session cookie or through a public link.
   */
  constructor(
    fileId: number,
    keeper: string | null,
    private readonly fetchGrant: () => Promise<CollabGrant>,
  ) {
    // Per user as well as per document: two people sharing one browser keep separate copies.
    const persistence = keeper === null ? null : new IndexeddbPersistence(`cumulus-docs:${keeper}:${fileId}`, this.doc);
    this.persistence = persistence;
    void persistence?.whenSynced.then(async () => {
      const remembered: unknown = await persistence.get("access");
      if ((remembered === "read" || remembered === "write") && !this.accessKnown.value) {
        this.readOnly.value = remembered === "read";
        this.accessKnown.value = true;
      }
      if (this.doc.getXmlFragment("default").length > 0) this.ready.value = true;
    });
    const scheme = location.protocol === "https:" ? "wss:" : "ws:";
    this.provider = new WebsocketProvider(`${scheme}//${location.host}/collab`, String(fileId), this.doc, { connect: false, disableBc: true });
    this.provider.on("sync", (synced: boolean) => {
      if (!synced) return;
      this.everSynced = true;
      this.attempts = 0;
      this.ready.value = true;
      this.connection.value = "online";
      this.checkPending();
    });
    this.provider.on("connection-close", () => {
      if (this.stopped) return;
      // The provider would retry with the same, perhaps expired, token: the session reconnects itself.
      this.provider.shouldConnect = false;
      if (this.connection.value !== "revoked" && (this.everSynced || this.ready.value)) this.connection.value = "offline";
      this.scheduleConnect();
    });
    this.provider.on("closed", ({ code }: { code: number }) => {
      if (isTerminal(code)) this.end("revoked");
    });
    this.doc.on("update", this.onUpdate);
    window.addEventListener("online", this.onOnline);
    window.addEventListener("offline", this.onOffline);
    if (!navigator.onLine) this.connection.value = "offline";
    void this.connect();
  }

  private readonly onUpdate = (_update: Uint8Array, origin: unknown) => {
    if (origin === this.provider || origin === this.persistence) return;
    this.pending.value = true;
    this.checkPending();
  };

  /** Saved once the socket is synced and has handed every byte to the network; the room stores before it relays. */
  private checkPending() {
    clearTimeout(this.settle);
    if (!this.pending.value) return;
    this.settle = setTimeout(() => {
      const ws = this.provider.ws;
      if (this.provider.synced && ws && ws.readyState === WebSocket.OPEN && ws.bufferedAmount === 0) this.pending.value = false;
      else if (this.connection.value === "online") this.checkPending();
    }, SETTLE_MS);
  }

  private readonly onOnline = () => {
    this.attempts = 0;
    clearTimeout(this.retry);
    void this.connect();
  };

  private readonly onOffline = () => {
    if (this.stopped) return;
    clearTimeout(this.retry);
    this.connection.value = "offline";
    this.provider.disconnect();
  };

  private scheduleConnect() {
    clearTimeout(this.retry);
    if (this.stopped || !navigator.onLine) return;
    const delay = RETRY_MS[Math.min(this.attempts, RETRY_MS.length - 1)]!;
    this.attempts += 1;
    this.retry = setTimeout(() => void this.connect(), delay);
  }

  private async connect() {
    if (this.stopped || this.provider.ws !== null || !navigator.onLine) return;
    try {
      const grant = await this.fetchGrant();
      if (this.stopped || this.provider.ws !== null) return;
      this.readOnly.value = grant.readOnly;
      this.accessKnown.value = true;
      void this.persistence?.set("access", grant.readOnly ? "read" : "write");
      this.provider.params = { token: grant.token };
      this.provider.connect();
    } catch (error) {
      if (error instanceof ApiFailure && (error.status === 404 || error.status === 403)) return this.end(this.everSynced ? "revoked" : "missing");
      if (!(error instanceof ApiFailure) && (this.everSynced || this.ready.value)) this.connection.value = "offline";
      this.scheduleConnect();
    }
  }

  private end(state: "revoked" | "missing") {
    this.connection.value = state;
    this.stopped = true;
    clearTimeout(this.retry);
    this.provider.disconnect();
  }

  destroy() {
    this.stopped = true;
    clearTimeout(this.retry);
    clearTimeout(this.settle);
    window.removeEventListener("online", this.onOnline);
    window.removeEventListener("offline", this.onOffline);
    this.doc.off("update", this.onUpdate);
    this.provider.destroy();
    void this.persistence?.destroy();
    this.doc.destroy();
  }
}
