import { runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { COLLAB_ACCESS_HEADER, COLLAB_ROOM_HEADER, COLLAB_USER_HEADER, type CollabRoom } from "../../workers/collab/room";
import { UpdateLog } from "../../workers/collab/update-log";
import { until, YjsPeer } from "../support/yjs-peer";

// A room woken with a long history sends new clients its stored bytes as they are, and decodes the
// document only when something needs it: these pin that the answer is still the whole document.

type RoomNamespace = DurableObjectNamespace<CollabRoom>;
const rooms = () => (env as unknown as { DOCS_ROOM: RoomNamespace }).DOCS_ROOM;
const stubOf = (room: string) => rooms().get(rooms().idFromName(room));

async function connect(room: string, userId: string, offline?: Uint8Array) {
  const res = await stubOf(room).fetch("http://room/", {
    headers: { Upgrade: "websocket", [COLLAB_USER_HEADER]: userId, [COLLAB_ACCESS_HEADER]: "write", [COLLAB_ROOM_HEADER]: room },
  });
  expect(res.status).toBe(101);
  return new YjsPeer(res.webSocket!, offline);
}

/** Fills a room that was never opened: a compacted snapshot, then `later` typed after it. */
async function storeHistory(room: string, options: { later: string; withStateVector?: boolean }): Promise<Y.Doc> {
  const doc = new Y.Doc();
  const text = doc.getText("t");
  text.insert(0, "Compte rendu de l'AG");
  await runInDurableObject(stubOf(room), (_room, state) => {
    const log = new UpdateLog(state.storage.sql, state.storage);
    log.compact(doc);
    // A room compacted before state vectors were kept beside the snapshot has none.
    if (options.withStateVector === false) state.storage.sql.exec("DELETE FROM collab_snapshot_state_vector");
    doc.on("update", (update: Uint8Array) => log.append(update));
    for (const c of options.later) text.insert(text.length, c);
  });
  return doc;
}

const isDecoded = (room: string) =>
  // The room's private flag, read here because "not decoded yet" is the behaviour under test.
  runInDurableObject(stubOf(room), (instance) => (instance as unknown as { loaded?: Promise<void> }).loaded !== undefined);

describe("a room woken from storage", () => {
  it("sends a new client the snapshot and the updates since, without decoding the document", async () => {
    const doc = await storeHistory("woken-new-client", { later: " : présents 12" });
    const peer = await connect("woken-new-client", "lea");
    await until(() => peer.text() === doc.getText("t").toString(), "the whole text");
    expect(peer.text()).toBe("Compte rendu de l'AG : présents 12");
    expect(await isDecoded("woken-new-client")).toBe(false);
    peer.close();
  });

  it("decodes the document at the first change and sends it to everyone", async () => {
    await storeHistory("woken-first-change", { later: "." });
    const reader = await connect("woken-first-change", "hugo");
    const writer = await connect("woken-first-change", "lea");
    await until(() => writer.text() === "Compte rendu de l'AG.", "writer synced");
    writer.doc.getText("t").insert(0, "Brouillon : ");
    await until(() => reader.text() === "Brouillon : Compte rendu de l'AG.", "the change reached the other client");
    expect(await isDecoded("woken-first-change")).toBe(true);
    const late = await connect("woken-first-change", "ines");
    await until(() => late.text() === "Brouillon : Compte rendu de l'AG.", "a late client");
    for (const p of [reader, writer, late]) p.close();
  });

  it("merges a client's offline edits and sends it only what it misses", async () => {
    const doc = await storeHistory("woken-offline", { later: " (suite)" });
    const offline = new Y.Doc();
    Y.applyUpdate(offline, Y.encodeStateAsUpdate(doc));
    offline.getText("t").insert(0, "[hors ligne] ");
    const peer = await connect("woken-offline", "lea", Y.encodeStateAsUpdate(offline));
    const other = await connect("woken-offline", "hugo");
    await until(() => other.text() === "[hors ligne] Compte rendu de l'AG (suite)", "offline edit reached the room");
    expect(peer.text()).toBe(other.text());
    peer.close();
    other.close();
  });

  it("still loads a snapshot stored without its state vector", async () => {
    await storeHistory("woken-older-snapshot", { later: "!", withStateVector: false });
    const peer = await connect("woken-older-snapshot", "lea");
    await until(() => peer.text() === "Compte rendu de l'AG!", "the whole text");
    peer.close();
  });

  it("folds the session into a snapshot when the last client leaves, ready to be sent as it is", async () => {
    const a = await connect("last-leaves", "lea");
    const b = await connect("last-leaves", "hugo");
    a.doc.getText("t").insert(0, "Ordre du jour");
    await until(() => b.text() === "Ordre du jour", "the other client");
    const storedState = () =>
      runInDurableObject(stubOf("last-leaves"), (_room, state) => {
        const log = new UpdateLog(state.storage.sql, state.storage);
        return { pending: log.pendingUpdates(), snapshot: log.stored() !== undefined };
      });
    b.close();
    await new Promise((r) => setTimeout(r, 50));
    expect((await storedState()).pending).toBeGreaterThan(0);
    a.close();
    const deadline = Date.now() + 3000;
    while ((await storedState()).pending > 0 && Date.now() < deadline) await new Promise((r) => setTimeout(r, 20));
    expect(await storedState()).toEqual({ pending: 0, snapshot: true });
  });
});
