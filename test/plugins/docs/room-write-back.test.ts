import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import * as Y from "yjs";
import { markdownOf, mergeMarkdown } from "../../../plugins/docs/markdown/ydoc";
import { coreDocumentFiles } from "../../../plugins/docs/core-files";
import { yjsStateKey } from "../../../plugins/docs/room";
import { UpdateLog } from "../../../workers/collab/update-log";
import type { Env } from "../../../workers/env";
import { call, seedAdmin } from "../../support/accounts";
import { ADMIN, dav } from "../../support/dav";
import { until } from "../../support/yjs-peer";
import { fileIdOf, openRoom, roomOf as room, typeInto } from "./support";

/** A document holding `text`, and an editor connected to its room once it shows that text. */
async function liveDocument(name: string, text: string) {
  const id = fileIdOf(await dav("PUT", `/${encodeURIComponent(name)}`, { body: text }));
  const editor = await openRoom(id, "admin");
  await until(() => markdownOf(editor.doc) === text, "initial content");
  return { id, editor };
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
    const { id, editor: admin } = await liveDocument("Réunion du CA.md", "# Réunion du CA\n\nPoint 1.\n");
    await typeInto(admin, id, "admin", "# Réunion du CA\n\nPoint 1.\n\nPoint 2 ajouté en séance.\n");
    expect(await runDurableObjectAlarm(room(id))).toBe(true);
    expect(await (await dav("GET", `/${encodeURIComponent("Réunion du CA.md")}`)).text()).toBe("# Réunion du CA\n\nPoint 1.\n\nPoint 2 ajouté en séance.\n");
    expect(await env.FILES.head(yjsStateKey(id))).not.toBeNull();
    admin.close();
  });

  it("stores the text it started from, so a reloaded room finds one copy and never seeds a second", async () => {
    const { id, editor: first } = await liveDocument("Compte rendu.md", "# Compte rendu\n\nPrésents : 12.\n");
    await typeInto(first, id, "admin", "# Compte rendu\n\nPrésents : 12.\n\nExcusés : 3.\n");
    // What a room woken after eviction rebuilds from: the seed and the edit, once each.
    expect(await storedMarkdown(id)).toBe("# Compte rendu\n\nPrésents : 12.\n\nExcusés : 3.\n");
    first.close();
  });

  it("merges a save from a sync client into the live session", async () => {
    const { id, editor: hugo } = await liveDocument("Ordre du jour.md", "Ordre du jour\n");
    expect((await dav("PUT", "/Ordre%20du%20jour.md", { body: "Ordre du jour\n\nAjouté depuis le poste.\n" })).status).toBe(204);
    await until(() => markdownOf(hugo.doc) === "Ordre du jour\n\nAjouté depuis le poste.\n", "merged outside save", 5000);
    hugo.close();
  });

  it("merges a desktop save of the written version with what was typed since, and writes the union back", async () => {
    const { id, editor: lea } = await liveDocument("Assemblée.md", "# Assemblée\n\nPoint 1.\n\nPoint 2.\n");
    // Typed and written back; the desktop client downloads that version…
    await typeInto(lea, id, "admin", "# Assemblée\n\nPoint 1, adopté.\n\nPoint 2.\n");
    expect(await room(id).writeBack()).toBe(true);
    const written = await dav("GET", `/${encodeURIComponent("Assemblée.md")}`);
    const etag = written.headers.get("ETag")!;
    // …more typing, not yet written, while the client uploads its own change to that version (If-Match, as it does).
    await typeInto(lea, id, "admin", "# Assemblée\n\nPoint 1, adopté.\n\nPoint 2.\n\nPoint 3.\n");
    const saved = await dav("PUT", `/${encodeURIComponent("Assemblée.md")}`, { body: "# Assemblée\n\nPoint 1, adopté.\n\nPoint 2, reporté.\n", headers: { "If-Match": etag } });
    expect(saved.status).toBe(204);

    const union = "# Assemblée\n\nPoint 1, adopté.\n\nPoint 2, reporté.\n\nPoint 3.\n";
    await until(() => markdownOf(lea.doc) === union, "three-way merge", 5000);
    expect(await runDurableObjectAlarm(room(id))).toBe(true);
    expect(await (await dav("GET", `/${encodeURIComponent("Assemblée.md")}`)).text()).toBe(union);
    lea.close();
  });

  it("shows a restored version in the live document, and does not write over it", async () => {
    const { id, editor: hugo } = await liveDocument("Statuts.md", "Article 1.\n");
    await typeInto(hugo, id, "admin", "Article 1 modifié par erreur.\n");
    expect(await room(id).writeBack()).toBe(true);
    const { versions } = await (await call(`/api/versions/${id}`, { auth: ADMIN })).json<{ versions: { id: number; size: number }[] }>();
    const first = versions.find((v) => v.size === "Article 1.\n".length)!;
    expect((await call(`/api/versions/${id}/${first.id}/restore`, { method: "POST", auth: ADMIN })).status).toBe(200);
    await until(() => markdownOf(hugo.doc) === "Article 1.\n", "restored text in the live document", 5000);
    await runDurableObjectAlarm(room(id));
    expect(await (await dav("GET", "/Statuts.md")).text()).toBe("Article 1.\n");
    hugo.close();
  });

  it("merges a save it was not told about before writing, instead of writing over it", async () => {
    const { id, editor: lea } = await liveDocument("Trésorerie.md", "Solde.\n");
    await typeInto(lea, id, "admin", "Solde.\n\nAjout en ligne.\n");
    // Saved without the hook that tells the room (as if it had failed).
    await coreDocumentFiles(env as unknown as Env).writeVersion(id, "Solde.\n\nAjout du poste.\n", "admin");
    expect(await room(id).writeBack()).toBe(true);
    const text = await (await dav("GET", `/${encodeURIComponent("Trésorerie.md")}`)).text();
    expect(text).toContain("Ajout en ligne.");
    expect(text).toContain("Ajout du poste.");
    lea.close();
  });

  it("keeps both versions of a line changed in the browser and in the uploaded file", async () => {
    const { id, editor: hugo } = await liveDocument("Budget.md", "Budget : 100 €.\n");
    await typeInto(hugo, id, "admin", "Budget : 120 €.\n");
    expect((await dav("PUT", "/Budget.md", { body: "Budget : 150 €.\n" })).status).toBe(204);
    await until(() => markdownOf(hugo.doc) === "Budget : 120 €.\n\nBudget : 150 €.\n", "both kept", 5000);
    hugo.close();
  });

  it("writes one version for two write-backs asked at once, with the latest text", async () => {
    const { id, editor: lea } = await liveDocument("Bureau.md", "Bureau\n");
    await typeInto(lea, id, "admin", "Bureau\n\nTrésorière : Léa.\n");
    expect((await Promise.all([room(id).writeBack(), room(id).writeBack()])).sort()).toEqual([false, true]);
    expect(await (await dav("GET", "/Bureau.md")).text()).toBe("Bureau\n\nTrésorière : Léa.\n");
    // Typed and undone within one burst: the file already says this, so no version is made.
    mergeMarkdown(lea.doc, "Bureau\n\nTrésorière : Léa. Brouillon\n", "typing");
    mergeMarkdown(lea.doc, "Bureau\n\nTrésorière : Léa.\n", "typing");
    // Text alone cannot tell when the room has both changes (it reads the same before and after): the state vector can.
    const watcher = await openRoom(id, "admin");
    const typed = Y.encodeStateVector(lea.doc).join();
    await until(() => Y.encodeStateVector(watcher.doc).join() === typed, "typing and undo stored");
    expect(await room(id).writeBack()).toBe(false);
    lea.close();
    watcher.close();
  });

  it("closes every session when the file is deleted", async () => {
    const { editor: lea } = await liveDocument("Brouillon.md", "Brouillon\n");
    expect((await dav("DELETE", "/Brouillon.md")).status).toBe(204);
    await until(() => lea.closed !== undefined, "close", 5000);
    expect(lea.closed!.code).toBe(4403);
  });
});
