import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as syncProtocol from "y-protocols/sync";
import WebSocket from "ws";
import * as Y from "yjs";

/** Absolute time in ms with sub-ms precision, comparable across worker threads. */
export const now = () => performance.timeOrigin + performance.now();

const MESSAGE_SYNC = 0;
const MESSAGE_AWARENESS = 1;
const SYNC_STEP1 = 0;
const SYNC_STEP2 = 1;
const SYNC_UPDATE = 2;
// y-protocols' Awareness checks every outdatedTimeout/10 and renews a state older than outdatedTimeout/2.
const AWARENESS_CHECK_MS = 3_000;
const AWARENESS_RENEW_MS = 15_000;

/** A stamp travels inside each edit's update, as a string value of a side map, so bytes can be scanned for it. */
const STAMP = /^~t(\d+):(\d+\.\d{3})~$/;
const STAMP_OPEN = Buffer.from("~t", "latin1");
const STAMP_CLOSE = 0x7e;

export function stampOf(editId: number, sentAt: number): string {
  return `~t${editId}:${sentAt.toFixed(3)}~`;
}

export function syncUpdateFrame(update: Uint8Array): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE_SYNC);
  syncProtocol.writeUpdate(enc, update);
  return encoding.toUint8Array(enc);
}

function step1Frame(doc?: Y.Doc): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE_SYNC);
  encoding.writeVarUint(enc, SYNC_STEP1);
  encoding.writeVarUint8Array(enc, doc ? Y.encodeStateVector(doc) : new Uint8Array([0]));
  return encoding.toUint8Array(enc);
}

function step2Frame(doc?: Y.Doc): Uint8Array {
  const enc = encoding.createEncoder();
  encoding.writeVarUint(enc, MESSAGE_SYNC);
  encoding.writeVarUint(enc, SYNC_STEP2);
  encoding.writeVarUint8Array(enc, doc ? Y.encodeStateAsUpdate(doc) : new Uint8Array([0, 0]));
  return encoding.toUint8Array(enc);
}

export interface ClientOptions {
  /** A full client keeps a Y.Doc and applies everything (typists, checks); a watcher only scans bytes. */
  full: boolean;
  /** Called for each stamp found in an update frame (not in the initial sync). */
  onStamp?: (editId: number, sentAt: number, arrivedAt: number, receiver: number) => void;
  /** Awareness on: a user state, renewed as y-protocols does. */
  awareness?: boolean;
}

/**
 * One y-websocket peer for load. Watchers answer the handshake, count awareness frames and bytes and
 * read stamps out of update frames without decoding the document; full clients run a real Y.Doc.
 */
export class BenchClient {
  awarenessFrames = 0;
  awarenessBytes = 0;
  /** Every frame received, of any kind. */
  frames = 0;
  readonly doc?: Y.Doc;
  readonly opened: Promise<void>;
  readonly synced: Promise<void>;
  private readonly ws: WebSocket;
  private readonly awarenessId: number;
  private awarenessClock = 0;
  private awarenessState: string;
  private lastAwarenessAt = 0;
  private renewTimer?: NodeJS.Timeout;
  private markSynced!: () => void;
  private cursor = 0;
  closed = false;
  closeReason = "";
  /** When the server's sync step 2 (the document) arrived, and its size. */
  step2ArrivedAt = NaN;
  step2Bytes = 0;
  /** How long this client took to apply that step 2 to its document. */
  step2ApplyMs = NaN;

  constructor(url: string, readonly index: number, private readonly options: ClientOptions) {
    if (options.full) this.doc = new Y.Doc();
    this.awarenessId = this.doc?.clientID ?? Math.floor(Math.random() * 2 ** 32);
    this.awarenessState = JSON.stringify({ user: { name: `Membre ${index}`, color: `#${((index * 2654435761) >>> 8).toString(16).padStart(6, "0").slice(0, 6)}` } });
    this.synced = new Promise((resolve) => (this.markSynced = resolve));
    this.ws = new WebSocket(url, { perMessageDeflate: false });
    this.ws.binaryType = "nodebuffer";
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("error", reject);
      this.ws.once("unexpected-response", (_req, res) => reject(new Error(`upgrade refused: ${res.statusCode}`)));
    });
    this.ws.on("error", () => undefined); // reported through `opened`; later errors end in close
    this.ws.on("close", (code, reason) => ((this.closed = true), (this.closeReason = `${code} ${reason.toString()}`)));
    this.ws.on("message", (data: Buffer) => this.onFrame(data));
    this.ws.once("open", () => {
      this.send(step1Frame(this.doc));
      if (!options.awareness) return;
      this.sendAwareness();
      // Start the renewal checks at a random phase, as clients that joined at different moments.
      const phase = setTimeout(() => {
        this.renewTimer = setInterval(() => {
          if (now() - this.lastAwarenessAt >= AWARENESS_RENEW_MS) this.sendAwareness();
        }, AWARENESS_CHECK_MS);
      }, Math.random() * AWARENESS_CHECK_MS);
      this.renewTimer = phase;
    });
  }

  private send(frame: Uint8Array) {
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(frame);
  }

  private sendAwareness() {
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, this.awarenessId);
    encoding.writeVarUint(inner, ++this.awarenessClock);
    encoding.writeVarString(inner, this.awarenessState);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, MESSAGE_AWARENESS);
    encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
    this.lastAwarenessAt = now();
    this.send(encoding.toUint8Array(enc));
  }

  /** Text length of a full client's document. */
  textLength(name = "text"): number {
    return this.doc!.getText(name).length;
  }

  /**
   * Types one character at this typist's cursor, with the stamp in the same transaction, then moves the
   * cursor in awareness as an editor does (y-prosemirror sends relative positions).
   */
  type(editId: number, char: string) {
    const doc = this.doc!;
    const text = doc.getText("text");
    if (this.cursor === 0 || this.cursor > text.length) this.cursor = Math.floor(Math.random() * (text.length + 1));
    let update: Uint8Array | undefined;
    const capture = (u: Uint8Array) => (update = u);
    doc.once("update", capture);
    const sentAt = now();
    doc.transact(() => {
      text.insert(this.cursor, char);
      doc.getMap("stamps").set(`t${this.index}`, stampOf(editId, sentAt));
    }, "local");
    this.cursor++;
    this.send(syncUpdateFrame(update!));
    const position = Y.relativePositionToJSON(Y.createRelativePositionFromTypeIndex(text, this.cursor));
    const user = JSON.parse(this.awarenessState).user as unknown;
    this.awarenessState = JSON.stringify({ user, cursor: { anchor: position, head: position } });
    this.sendAwareness();
    return sentAt;
  }

  private onFrame(data: Buffer) {
    const arrivedAt = now();
    this.frames++;
    if (data[0] === MESSAGE_AWARENESS) {
      this.awarenessFrames++;
      this.awarenessBytes += data.byteLength;
      return;
    }
    if (data[0] !== MESSAGE_SYNC) return;
    const kind = data[1];
    if (kind === SYNC_STEP2 && Number.isNaN(this.step2ArrivedAt)) (this.step2ArrivedAt = arrivedAt), (this.step2Bytes = data.byteLength);
    if (kind === SYNC_UPDATE && this.options.onStamp) this.scanStamps(data, arrivedAt);
    if (this.doc) {
      const decoder = decoding.createDecoder(data);
      decoding.readVarUint(decoder);
      const reply = encoding.createEncoder();
      encoding.writeVarUint(reply, MESSAGE_SYNC);
      const applyStart = now();
      syncProtocol.readSyncMessage(decoder, reply, this.doc, "remote");
      if (kind === SYNC_STEP2 && Number.isNaN(this.step2ApplyMs)) this.step2ApplyMs = now() - applyStart;
      if (encoding.length(reply) > 1) this.send(encoding.toUint8Array(reply));
    } else if (kind === SYNC_STEP1) {
      this.send(step2Frame());
    }
    if (kind === SYNC_STEP2) this.markSynced();
  }

  private scanStamps(data: Buffer, arrivedAt: number) {
    let from = data.indexOf(STAMP_OPEN, 2);
    while (from >= 0) {
      const end = data.indexOf(STAMP_CLOSE, from + 2);
      if (end < 0) return;
      const match = STAMP.exec(data.toString("latin1", from, end + 1));
      if (match) this.options.onStamp!(Number(match[1]), Number(match[2]), arrivedAt, this.index);
      from = data.indexOf(STAMP_OPEN, match ? end + 1 : from + 1);
    }
  }

  close() {
    clearInterval(this.renewTimer);
    clearTimeout(this.renewTimer);
    this.ws.close();
  }

  /** Resolves when the socket is closed (or was never opened). */
  whenClosed(): Promise<void> {
    if (this.closed || this.ws.readyState === WebSocket.CLOSED) return Promise.resolve();
    return new Promise((resolve) => this.ws.once("close", () => resolve()));
  }

  get bufferedAmount(): number {
    return this.ws.bufferedAmount;
  }

  sendRaw(frame: Uint8Array) {
    this.send(frame);
  }
}
