import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { describe, expect, it } from "vitest";
import { markdownOf, mergeMarkdown } from "../../../plugins/docs/markdown/ydoc";
import { provideDocumentFiles, yjsStateKey, type DocsRoom } from "../../../plugins/docs/room";
import { COLLAB_ACCESS_HEADER, COLLAB_ROOM_HEADER, COLLAB_USER_HEADER } from "../../../workers/collab/room";
import { until, YjsPeer } from "../../support/yjs-peer";

// The file service's side of the port, kept in the real local R2 for this test.
const key = (id: number) => `test-docs/${id}.md`;
provideDocumentFiles((e) => ({
  async read(id) {
    const object = await e.FILES.get(key(id));
    return object ? { text: await object.text(), etag: object.etag } : null;
  },
  async writeVersion(id, text) {
    const written = await e.FILES.put(key(id), text);
    return { etag: written!.etag };
  },
}));

const rooms = () => (env as unknown as { DOCS_ROOM: DurableObjectNamespace<DocsRoom> }).DOCS_ROOM;

async function open(fileId: number, user: string) {
  const res = await rooms().get(rooms().idFromName(`docs:${fileId}`)).fetch("http://room/", {
    headers: { Upgrade: "websocket", [COLLAB_USER_HEADER]: user, [COLLAB_ACCESS_HEADER]: "write", [COLLAB_ROOM_HEADER]: `docs:${fileId}` },
  });
  return new YjsPeer(res.webSocket!);
}

describe("documents room and its Markdown file", () => {
  it("opens with the file's text, writes edits back as Markdown, and keeps the Yjs state beside it", async () => {
    await env.FILES.put(key(5), "# Réunion du CA\n\nPoint 1.\n");
    const lea = await open(5, "lea");
    await until(() => markdownOf(lea.doc) === "# Réunion du CA\n\nPoint 1.\n", "initial content");

    mergeMarkdown(lea.doc, "# Réunion du CA\n\nPoint 1.\n\nPoint 2 ajouté en séance.\n", "typing");
    const stub = rooms().get(rooms().idFromName("docs:5"));
    await until(() => lea.received.length > 0, "frames");
    await new Promise((r) => setTimeout(r, 100));
    expect(await runDurableObjectAlarm(stub)).toBe(true);
    expect(await (await env.FILES.get(key(5)))!.text()).toBe("# Réunion du CA\n\nPoint 1.\n\nPoint 2 ajouté en séance.\n");
    expect(await env.FILES.head(yjsStateKey(5))).not.toBeNull();
    lea.close();
  });

  it("merges an outside save into the live session and ignores its own write-backs", async () => {
    await env.FILES.put(key(6), "Ordre du jour\n");
    const hugo = await open(6, "hugo");
    await until(() => markdownOf(hugo.doc) === "Ordre du jour\n", "initial content");
    const stub = rooms().get(rooms().idFromName("docs:6"));
    const saved = await env.FILES.put(key(6), "Ordre du jour\n\nAjouté depuis le poste.\n");
    expect(await stub.mergeExternal("Ordre du jour\n\nAjouté depuis le poste.\n", saved!.etag)).toBe(true);
    await until(() => markdownOf(hugo.doc) === "Ordre du jour\n\nAjouté depuis le poste.\n", "merged outside save");
    expect(await stub.mergeExternal("Ordre du jour\n\nAjouté depuis le poste.\n", saved!.etag)).toBe(false);
    hugo.close();
  });
});

describe("documents room when its file goes away", () => {
  it("closes every session and forgets the document", async () => {
    await env.FILES.put(key(7), "Brouillon\n");
    const lea = await open(7, "lea");
    await until(() => markdownOf(lea.doc) === "Brouillon\n", "initial content");
    await rooms().get(rooms().idFromName("docs:7")).close("The document was deleted");
    await until(() => lea.closed !== undefined, "close");
    expect(lea.closed!.code).toBe(4403);
  });
});
