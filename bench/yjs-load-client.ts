import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import WebSocket from "ws";
import * as Y from "yjs";

const MARK_START = 0x02;
const MARK_END = 0x03;

export interface Delivery {
  editId: number;
  receivedAt: number;
}

/**
 * A light y-websocket peer for load: it speaks the protocol's handshake and awareness renewals, and
 * reads edit ids and timestamps straight from the bytes of update frames instead of decoding the document.
 */
export class LoadClient {
  awarenessFrames = 0;
  awarenessBytes = 0;
  private readonly ws: WebSocket;
  private clock = 1;
  private renewal?: NodeJS.Timeout;
  private readonly doc?: Y.Doc;
  readonly opened: Promise<void>;

  constructor(url: string, readonly id: number, private readonly onDelivery: (d: Delivery) => void, typist: boolean) {
    if (typist) this.doc = new Y.Doc();
    this.ws = new WebSocket(url);
    this.ws.binaryType = "nodebuffer";
    this.opened = new Promise((resolve, reject) => {
      this.ws.once("open", () => resolve());
      this.ws.once("error", reject);
    });
    this.ws.on("message", (data: Buffer) => this.onFrame(data));
    this.ws.once("open", () => {
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, 0);
      encoding.writeVarUint(enc, 0); // sync step 1 with an empty state vector
      encoding.writeVarUint8Array(enc, new Uint8Array([0]));
      this.ws.send(encoding.toUint8Array(enc));
      this.sendAwareness({ user: { name: `Membre ${id}`, color: "#0b5cad" } });
      // y-websocket renews every 15 s; so do we.
      this.renewal = setInterval(() => this.sendAwareness({ user: { name: `Membre ${id}`, color: "#0b5cad" } }), 15_000);
    });
  }

  private sendAwareness(state: unknown) {
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, 1);
    const inner = encoding.createEncoder();
    encoding.writeVarUint(inner, 1);
    encoding.writeVarUint(inner, this.id + 1);
    encoding.writeVarUint(inner, this.clock++);
    encoding.writeVarString(inner, JSON.stringify(state));
    encoding.writeVarUint8Array(enc, encoding.toUint8Array(inner));
    if (this.ws.readyState === WebSocket.OPEN) this.ws.send(encoding.toUint8Array(enc));
  }

  /** Types one marked edit: its id and send time travel inside the inserted text. */
  type(editId: number) {
    const doc = this.doc!;
    const update = captureUpdate(doc, () => doc.getText("bench").insert(0, `\u0002${editId}:${Date.now()}\u0003`));
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, 0);
    encoding.writeVarUint(enc, 2);
    encoding.writeVarUint8Array(enc, update);
    this.ws.send(encoding.toUint8Array(enc));
    this.sendAwareness({ user: { name: `Membre ${this.id}`, color: "#0b5cad" }, cursor: { editId } });
  }

  private onFrame(data: Buffer) {
    const now = Date.now();
    if (data[0] === 1) {
      this.awarenessFrames++;
      this.awarenessBytes += data.byteLength;
      return;
    }
    if (data[0] !== 0) return;
    // Updates carry marked edits; a full sync step 2 at connection carries old ones, which are skipped by id.
    let from = data.indexOf(MARK_START);
    while (from >= 0) {
      const end = data.indexOf(MARK_END, from);
      if (end < 0) break;
      // 0x02 may also occur inside a varint; only a well-formed "id:time" between the marks counts.
      const mark = /^(\d+):\d{13}$/.exec(data.subarray(from + 1, end).toString("latin1"));
      if (mark) this.onDelivery({ editId: Number(mark[1]), receivedAt: now });
      from = data.indexOf(MARK_START, mark ? end : from + 1);
    }
    if (data.byteLength > 1 && data[1] === 0) this.answerStep1(data);
  }

  private answerStep1(data: Buffer) {
    // The server's sync step 1: answer with our (typist) state so the server has nothing to wait for.
    const decoder = decoding.createDecoder(data);
    decoding.readVarUint(decoder);
    decoding.readVarUint(decoder);
    const enc = encoding.createEncoder();
    encoding.writeVarUint(enc, 0);
    encoding.writeVarUint(enc, 1);
    encoding.writeVarUint8Array(enc, this.doc ? Y.encodeStateAsUpdate(this.doc) : new Uint8Array([0, 0]));
    this.ws.send(encoding.toUint8Array(enc));
  }

  close() {
    clearInterval(this.renewal);
    this.ws.close();
  }
}

function captureUpdate(doc: Y.Doc, change: () => void): Uint8Array {
  let captured: Uint8Array | undefined;
  const handler = (update: Uint8Array) => (captured = update);
  doc.once("update", handler);
  change();
  return captured!;
}
