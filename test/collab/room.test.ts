import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import * as Y from "yjs";
import { describe, expect, it } from "vitest";
import { COLLAB_ACCESS_HEADER, COLLAB_ROOM_HEADER, COLLAB_USER_HEADER, type CollabRoom } from "../../workers/collab/room";
import { UpdateLog } from "../../workers/collab/update-log";
import { until, YjsPeer } from "../support/yjs-peer";

type RoomNamespace = DurableObjectNamespace<CollabRoom>;
const rooms = () => (env as unknown as { DOCS_ROOM: RoomNamespace }).DOCS_ROOM;

async function connect(room: string, userId: string, access: "read" | "write" = "write") {
  const stub = rooms().get(rooms().idFromName(room));
  const res = await stub.fetch("http://room/", {
    headers: { Upgrade: "websocket", [COLLAB_USER_HEADER]: userId, [COLLAB_ACCESS_HEADER]: access, [COLLAB_ROOM_HEADER]: room },
  });
  expect(res.status).toBe(101);
  return new YjsPeer(res.webSocket!);
}

describe("collaborative room", () => {
  it("makes two editors converge", async () => {
    const a = await connect("converge", "lea");
    const b = await connect("converge", "hugo");
    a.doc.getText("t").insert(0, "Ordre du jour");
    b.doc.getText("t").insert(0, "AG 2026 – ");
    await until(() => a.text() === b.text() && a.text().length === "AG 2026 – Ordre du jour".length, "convergence");
    expect(a.text()).toContain("Ordre du jour");
    a.close();
    b.close();
  });

  it("sends a late joiner everything stored", async () => {
    const a = await connect("late", "lea");
    a.doc.getText("t").insert(0, "Compte rendu");
    await until(() => a.received.length > 0, "first frames");
    await new Promise((r) => setTimeout(r, 50));
    const b = await connect("late", "hugo");
    await until(() => b.text() === "Compte rendu", "late joiner sync");
    a.close();
    b.close();
  });

  it("drops a read-only user's changes and tells them so", async () => {
    const writer = await connect("readonly", "lea");
    writer.doc.getText("t").insert(0, "Texte officiel");
    const reader = await connect("readonly", "visiteur", "read");
    await until(() => reader.text() === "Texte officiel", "reader sync");
    reader.doc.getText("t").insert(0, "VANDALISME ");
    await until(() => reader.permissionDenied !== undefined, "permission denied");
    const third = await connect("readonly", "hugo");
    await until(() => third.text().length > 0, "third sync");
    expect(third.text()).toBe("Texte officiel");
    expect(writer.text()).toBe("Texte officiel");
    for (const p of [writer, reader, third]) p.close();
  });

  it("relays awareness and announces who left", async () => {
    const a = await connect("presence", "lea");
    const b = await connect("presence", "hugo");
    a.awareness.setLocalStateField("user", { name: "Léa", color: "#e6194b" });
    await until(() => b.awareness.getStates().get(a.doc.clientID)?.user?.name === "Léa", "awareness relay");
    a.close();
    await until(() => !b.awareness.getStates().has(a.doc.clientID), "departure");
    b.close();
  });

  it("refreshes the active states and the head count for everyone on its alarm", async () => {
    const a = await connect("refresh", "lea");
    const b = await connect("refresh", "hugo");
    a.awareness.setLocalStateField("user", { name: "Léa" });
    await until(() => b.awareness.getStates().has(a.doc.clientID), "relay");
    const before = b.received.length;
    expect(await runDurableObjectAlarm(rooms().get(rooms().idFromName("refresh")))).toBe(true);
    await until(() => b.received.length > before, "refresh frame");
    const summary = [...b.awareness.getStates().values()].find((s) => s.cumulusRoom);
    expect(summary).toEqual({ cumulusRoom: { present: 2 } });
    a.close();
    b.close();
  });

  it("closes a user's sockets when their access is revoked", async () => {
    const a = await connect("revoke", "lea");
    const stub = rooms().get(rooms().idFromName("revoke"));
    expect(await stub.disconnectUser("lea")).toBe(1);
    await until(() => a.closed !== undefined, "close");
    expect(a.closed!.code).toBe(4403);
  });

  it("persists every update and keeps the content through compaction", async () => {
    const a = await connect("compaction", "lea");
    for (let i = 0; i < 30; i++) a.doc.getText("t").insert(i, String(i % 10));
    const stub = rooms().get(rooms().idFromName("compaction"));
    const expected = a.text();
    // Updates are persisted before they are broadcast: once a second peer has them all, so does storage.
    const watcher = await connect("compaction", "hugo", "read");
    await until(() => watcher.text() === expected, "watcher sync");
    watcher.close();
    await runInDurableObject(stub, async (_room, state) => {
      const log = new UpdateLog(state.storage.sql, state.storage);
      expect(log.pendingUpdates()).toBeGreaterThan(0);
      const reloaded = new Y.Doc();
      log.load().forEach((u) => Y.applyUpdate(reloaded, u));
      expect(reloaded.getText("t").toString()).toBe(expected);
    });
    await stub.compact();
    await runInDurableObject(stub, async (_room, state) => {
      const log = new UpdateLog(state.storage.sql, state.storage);
      expect(log.pendingUpdates()).toBe(0);
      const reloaded = new Y.Doc();
      log.load().forEach((u) => Y.applyUpdate(reloaded, u));
      expect(reloaded.getText("t").toString()).toBe(expected);
    });
    a.close();
  });

  it("refuses anything but an authorised WebSocket upgrade", async () => {
    const stub = rooms().get(rooms().idFromName("plain"));
    expect((await stub.fetch("http://room/")).status).toBe(426);
    expect((await stub.fetch("http://room/", { headers: { Upgrade: "websocket" } })).status).toBe(400);
  });
});
