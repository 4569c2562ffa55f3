// The least a Durable Object can do for a y-websocket room: relay every frame to every other socket at
// once, as y-websocket's own server does, with the Hibernation API and nothing else (no persistence, no
// access checks, no coalescing). The collab bench runs it with --ceiling, to show which part of the
// delays is workerd's own cost of a WebSocket frame on this machine rather than Cumulus.
import { DurableObject } from "cloudflare:workers";
import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as Y from "yjs";

const SYNC = 0;
const STEP1 = 0;
const STEP2 = 1;
const UPDATE = 2;

/** A sync frame of one kind carrying `payload`, as y-protocols writes it. */
function syncFrame(kind, payload) {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, SYNC);
  encoding.writeVarUint(encoder, kind);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

/** The payload of a sync frame: after its two type bytes. */
function payloadOf(frame) {
  const decoder = decoding.createDecoder(frame);
  decoding.readVarUint(decoder);
  decoding.readVarUint(decoder);
  return decoding.readVarUint8Array(decoder);
}

export class Relay extends DurableObject {
  updates = [];

  async fetch() {
    const { 0: client, 1: server } = new WebSocketPair();
    this.ctx.acceptWebSocket(server);
    server.send(syncFrame(STEP1, new Uint8Array([0])));
    return new Response(null, { status: 101, webSocket: client });
  }

  webSocketMessage(ws, data) {
    if (typeof data === "string") return;
    const frame = new Uint8Array(data);
    if (frame[0] === SYNC && frame[1] === STEP1) {
      const state = this.updates.length ? Y.mergeUpdates(this.updates) : new Uint8Array([0, 0]);
      ws.send(syncFrame(STEP2, state));
      return;
    }
    if (frame[0] === SYNC) {
      const update = payloadOf(frame);
      if (update.byteLength <= 2) return; // a new client's empty answer
      this.updates.push(update.slice());
      if (frame[1] === STEP2) frame[1] = UPDATE;
    }
    for (const other of this.ctx.getWebSockets()) if (other !== ws) other.send(frame);
  }

  webSocketClose(ws) {
    ws.close();
  }
}

export default {
  fetch(request, env) {
    if (request.headers.get("Upgrade") !== "websocket") return new Response("relay ceiling");
    const name = new URL(request.url).pathname.split("/")[2] ?? "room";
    return env.RELAY.get(env.RELAY.idFromName(name)).fetch(request);
  },
};
