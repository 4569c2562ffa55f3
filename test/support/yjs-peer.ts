import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as awarenessProtocol from "y-protocols/awareness";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

/**
 * A y-websocket-style peer over a workerd WebSocket, for tests inside the runtime (the real provider
 * needs a socket to a listening server; the client tests use it against `wrangler dev`).
 */
export class YjsPeer {
  readonly doc = new Y.Doc();
  readonly awareness = new awarenessProtocol.Awareness(this.doc);
  readonly received: Uint8Array[] = [];
  permissionDenied: string | undefined;
  closed: { code: number; reason: string } | undefined;

  /** `offline`: an update the peer already holds when it connects, as a client with offline edits does. */
  constructor(readonly ws: WebSocket, offline?: Uint8Array) {
    if (offline) Y.applyUpdate(this.doc, offline, this);
    ws.accept();
    // Frames may arrive as Blobs here; a queue keeps them in order while they are read.
    let queue = Promise.resolve();
    ws.addEventListener("message", (event) => {
      const data = event.data as ArrayBuffer | Blob;
      queue = queue.then(async () => this.onMessage(new Uint8Array(data instanceof Blob ? await data.arrayBuffer() : data)));
    });
    ws.addEventListener("close", (event) => (this.closed = { code: event.code, reason: event.reason }));
    this.doc.on("update", (update: Uint8Array, origin: unknown) => {
      if (origin === this) return;
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.writeUpdate(encoder, update);
      this.send(encoding.toUint8Array(encoder));
    });
    const encoder = encoding.createEncoder();
    encoding.writeVarUint(encoder, 0);
    syncProtocol.writeSyncStep1(encoder, this.doc);
    this.send(encoding.toUint8Array(encoder));
    this.awareness.on("update", ({ added, updated, removed }: Record<string, number[]>, origin: unknown) => {
      if (origin === this) return;
      const changed = [...added!, ...updated!, ...removed!];
      const enc = encoding.createEncoder();
      encoding.writeVarUint(enc, 1);
      encoding.writeVarUint8Array(enc, awarenessProtocol.encodeAwarenessUpdate(this.awareness, changed));
      this.send(encoding.toUint8Array(enc));
    });
  }

  private send(data: Uint8Array) {
    if (!this.closed && this.ws.readyState === WebSocket.READY_STATE_OPEN) this.ws.send(data);
  }

  private onMessage(data: Uint8Array) {
    this.received.push(data);
    const decoder = decoding.createDecoder(data);
    const type = decoding.readVarUint(decoder);
    if (type === 0) {
      const encoder = encoding.createEncoder();
      encoding.writeVarUint(encoder, 0);
      syncProtocol.readSyncMessage(decoder, encoder, this.doc, this);
      if (encoding.length(encoder) > 1) this.send(encoding.toUint8Array(encoder));
    } else if (type === 1) {
      awarenessProtocol.applyAwarenessUpdate(this.awareness, decoding.readVarUint8Array(decoder), this);
    } else if (type === 2) {
      decoding.readVarUint(decoder);
      this.permissionDenied = decoding.readVarString(decoder);
    }
  }

  text(name = "t"): string {
    return this.doc.getText(name).toString();
  }

  close() {
    this.awareness.destroy();
    this.ws.close(1000, "bye");
  }
}

export async function until(check: () => boolean, what: string, timeoutMs = 3000): Promise<void> {
  const deadline = Date.now() + timeoutMs;
  while (!check()) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 10));
  }
}
