import * as decoding from "lib0/decoding";
import { describe, expect, it } from "vitest";
import * as Y from "yjs";
import { awarenessCoalesceMsFor, BroadcastOutbox, coalesceMsFor, MAX_AWARENESS_COALESCE_MS, MAX_COALESCE_MS } from "../../workers/collab/outbox";
import { MESSAGE_AWARENESS, MESSAGE_SYNC } from "../../workers/collab/messages";

/** Sockets are only identities to the outbox; it hands frames to `send`. */
function roomOf(size: number) {
  const sockets = Array.from({ length: size }, () => ({}) as WebSocket);
  const frames = new Map<WebSocket, Uint8Array[]>(sockets.map((ws) => [ws, []]));
  const outbox = new BroadcastOutbox(() => sockets, (ws, frame) => frames.get(ws)!.push(frame));
  return { sockets, frames, outbox };
}

const textOf = (frames: Uint8Array[]) => {
  const doc = new Y.Doc();
  for (const frame of frames) {
    const decoder = decoding.createDecoder(frame);
    if (decoding.readVarUint(decoder) !== MESSAGE_SYNC) continue;
    decoding.readVarUint(decoder); // update
    Y.applyUpdate(doc, decoding.readVarUint8Array(decoder));
  }
  return doc.getText("t").toString();
};

function typed(doc: Y.Doc, text: string): Uint8Array {
  let update: Uint8Array | undefined;
  const listen = (u: Uint8Array) => (update = u);
  doc.on("update", listen);
  doc.getText("t").insert(doc.getText("t").length, text);
  doc.off("update", listen);
  return update!;
}

describe("what a room sends to everyone", () => {
  it("gathers text for a time that grows with the square of the room's size, up to 50 ms", () => {
    expect(coalesceMsFor(2)).toBeLessThan(0.001);
    expect(coalesceMsFor(100)).toBe(0.5);
    expect(coalesceMsFor(500)).toBe(12.5);
    expect(coalesceMsFor(1000)).toBe(MAX_COALESCE_MS);
    expect(coalesceMsFor(5000)).toBe(MAX_COALESCE_MS);
  });

  it("gathers awareness for a fifth of a millisecond per socket, up to 200 ms", () => {
    expect(awarenessCoalesceMsFor(100)).toBe(20);
    expect(awarenessCoalesceMsFor(1000)).toBe(MAX_AWARENESS_COALESCE_MS);
  });

  it("sends the first change after a quiet spell at once, to everyone but its sender", () => {
    const { sockets, frames, outbox } = roomOf(3);
    const lea = new Y.Doc();
    outbox.update(typed(lea, "O"), sockets[0]);
    expect(frames.get(sockets[0]!)).toHaveLength(0);
    expect(textOf(frames.get(sockets[1]!)!)).toBe("O");
    expect(textOf(frames.get(sockets[2]!)!)).toBe("O");
  });

  it("merges the changes of a busy moment into one frame each, without sending anyone their own", async () => {
    const { sockets, frames, outbox } = roomOf(800); // a 32 ms window
    const [leaSocket, hugoSocket, watcher] = sockets as [WebSocket, WebSocket, WebSocket];
    const lea = new Y.Doc();
    const hugo = new Y.Doc();
    outbox.update(typed(lea, "Ordre "), leaSocket);
    for (const word of ["du ", "jour"]) outbox.update(typed(lea, word), leaSocket);
    outbox.update(typed(hugo, "AG"), hugoSocket);
    expect(frames.get(watcher)).toHaveLength(1); // the first, at once; the rest wait
    await new Promise((r) => setTimeout(r, 60));
    expect(frames.get(watcher)).toHaveLength(2);
    expect(textOf(frames.get(watcher)!)).toMatch(/^(Ordre du jourAG|AGOrdre du jour)$/);
    expect(textOf(frames.get(leaSocket)!)).toBe("AG");
    expect(frames.get(hugoSocket)).toHaveLength(2);
    expect(textOf(frames.get(hugoSocket)!)).toBe("Ordre du jour");
  });

  it("keeps only each client's latest awareness state in a frame", async () => {
    const { sockets, frames, outbox } = roomOf(100); // a 20 ms window
    const watcher = sockets[2]!;
    outbox.awarenessChanged([{ clientId: 7, clock: 1, state: '{"cursor":1}' }], sockets[0]);
    outbox.awarenessChanged([{ clientId: 7, clock: 2, state: '{"cursor":2}' }], sockets[0]);
    outbox.awarenessChanged([{ clientId: 7, clock: 3, state: '{"cursor":3}' }], sockets[0]);
    await new Promise((r) => setTimeout(r, 60));
    const last = frames.get(watcher)!.at(-1)!;
    const decoder = decoding.createDecoder(last);
    expect(decoding.readVarUint(decoder)).toBe(MESSAGE_AWARENESS);
    const items = decoding.createDecoder(decoding.readVarUint8Array(decoder));
    expect(decoding.readVarUint(items)).toBe(1);
    expect([decoding.readVarUint(items), decoding.readVarUint(items), decoding.readVarString(items)]).toEqual([7, 3, '{"cursor":3}']);
    expect(frames.get(watcher)).toHaveLength(2);
  });

  it("sends everyone the same frame when many sent in one flush, rather than one frame per sender", async () => {
    const { sockets, frames, outbox } = roomOf(250); // a 50 ms awareness window
    outbox.awarenessChanged([{ clientId: 1, clock: 1, state: "{}" }], sockets[0]); // goes out at once
    for (let i = 0; i < 20; i++) outbox.awarenessChanged([{ clientId: 100 + i, clock: 1, state: `{"n":${i}}` }], sockets[i]);
    await new Promise((r) => setTimeout(r, 80));
    const [toSender, toWatcher] = [frames.get(sockets[5]!)!.at(-1)!, frames.get(sockets[200]!)!.at(-1)!];
    expect(toSender).toEqual(toWatcher);
  });

  it("sends text on its own shorter window, so that a busy room's cursors do not hold back its text", async () => {
    const { sockets, frames, outbox } = roomOf(700); // text: 24.5 ms, awareness: 140 ms
    const [lea, watcher] = sockets as [WebSocket, WebSocket];
    const doc = new Y.Doc();
    outbox.update(typed(doc, "P"), lea);
    outbox.awarenessChanged([{ clientId: 1, clock: 1, state: '{"cursor":0}' }], lea);
    expect(frames.get(watcher)).toHaveLength(2); // both kinds were quiet: each goes at once
    outbox.update(typed(doc, "V"), lea);
    outbox.awarenessChanged([{ clientId: 1, clock: 2, state: '{"cursor":1}' }], lea);
    await new Promise((r) => setTimeout(r, 50));
    expect(frames.get(watcher)).toHaveLength(3);
    expect(textOf(frames.get(watcher)!)).toBe("PV");
    await new Promise((r) => setTimeout(r, 120));
    expect(frames.get(watcher)).toHaveLength(4);
    expect(decoding.readVarUint(decoding.createDecoder(frames.get(watcher)![3]!))).toBe(MESSAGE_AWARENESS);
  });
});
