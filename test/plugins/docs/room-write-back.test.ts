import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { markdownOf, mergeMarkdown } from "../../../plugins/docs/markdown/ydoc";
import { yjsStateKey, type DocsRoom } from "../../../plugins/docs/room";
import { COLLAB_ACCESS_HEADER, COLLAB_ROOM_HEADER, COLLAB_USER_HEADER } from "../../../workers/collab/room";
import { UpdateLog } from "../../../workers/collab/update-log";
import { seedAdmin } from "../../support/accounts";
import { dav } from "../../support/dav";
import { until, YjsPeer } from "../../support/yjs-peer";

const rooms = () => (env as unknown as { DOCS_ROOM: DurableObjectNamespace<DocsRoom> }).DOCS_ROOM;
const room = (fileId: number) => rooms().get(rooms().idFromName(`docs:${fileId}`));

async function createDocument(name: string, text: string): Promise<number> {
  const res = await dav("PUT", `/${encodeURIComponent(name)}`, { body: text });
  return Number(res.headers.get("OC-FileId")!.slice(0, 8));
}

async function open(fileId: number, user: string) {
  const res = await room(fileId).fetch("http://room/", {
    headers: { Upgrade: "websocket", [COLLAB_USER_HEADER]: user, [COLLAB_ACCESS_HEADER]: "write", [COLLAB_ROOM_HEADER]: `docs:${fileId}` },
  });
  return new YjsPeer(res.webSocket!);
}

/** The document as the room's SQLite holds it, rebuilt the way a reloaded room does. */
async function storedMarkdown(fileId: number): Promise<string> {
  return runInDurableObject(room(fileId), (_instance, state) => {
    const doc = new Y.Doc();
    for (const update of new UpdateLog(state.storage.sql, state.storage).load()) Y.applyUpdate(doc, update);
    return markdownOf(doc);
  });
}

describe("documents room and its Markdown file", () => {
  beforeAll(async () => {
    await seedAdmin();
  });

  it("opens with the file's text, writes edits back as a new file version, and keeps the Yjs state beside it", async () => {
    const id = await createDocument("Réunion du CA.md", "# Réunion du CA\n\nPoint 1.\n");
    const admin = await open(id, "admin");
    await until(() => markdownOf(admin.doc) === "# Réunion du CA\n\nPoint 1.\n", "initial content");
    mergeMarkdown(admin.doc, "# Réunion du CA\n\nPoint 1.\n\nPoint 2 ajouté en séance.\n", "typing");
    const watcher = await open(id, "admin");
    await until(() => markdownOf(watcher.doc).includes("Point 2"), "edit stored");
    expect(await runDurableObjectAlarm(room(id))).toBe(true);
    expect(await (await dav("GET", `/${encodeURIComponent("Réunion du CA.md")}`)).text()).toBe("# Réunion du CA\n\nPoint 1.\n\nPoint 2 ajouté en séance.\n");
    expect(await env.FILES.head(yjsStateKey(id))).not.toBeNull();
    admin.close();
    watcher.close();
  });

  it("stores the text it started from, so a reloaded room finds one copy and never seeds a second", async () => {
    const id = await createDocument("Compte rendu.md", "# Compte rendu\n\nPrésents : 12.\n");
    const first = await open(id, "admin");
    await until(() => markdownOf(first.doc) === "# Compte rendu\n\nPrésents : 12.\n", "initial content");
    mergeMarkdown(first.doc, "# Compte rendu\n\nPrésents : 12.\n\nExcusés : 3.\n", "typing");
    const watcher = await open(id, "admin");
    await until(() => markdownOf(watcher.doc).includes("Excusés"), "edit relayed, so stored");
    // What a room woken after eviction rebuilds from: the seed and the edit, once each.
    expect(await storedMarkdown(id)).toBe("# Compte rendu\n\nPrésents : 12.\n\nExcusés : 3.\n");
    first.close();
    watcher.close();
  });

  it("merges a save from a sync client into the live session", async () => {
    const id = await createDocument("Ordre du jour.md", "Ordre du jour\n");
    const hugo = await open(id, "admin");
    await until(() => markdownOf(hugo.doc) === "Ordre du jour\n", "initial content");
    expect((await dav("PUT", "/Ordre%20du%20jour.md", { body: "Ordre du jour\n\nAjouté depuis le poste.\n" })).status).toBe(204);
    await until(() => markdownOf(hugo.doc) === "Ordre du jour\n\nAjouté depuis le poste.\n", "merged outside save", 5000);
    hugo.close();
  });

  it("closes every session when the file is deleted", async () => {
    const id = await createDocument("Brouillon.md", "Brouillon\n");
    const lea = await open(id, "admin");
    await until(() => markdownOf(lea.doc) === "Brouillon\n", "initial content");
    expect((await dav("DELETE", "/Brouillon.md")).status).toBe(204);
    await until(() => lea.closed !== undefined, "close", 5000);
    expect(lea.closed!.code).toBe(4403);
  });
});
