import { afterAll, describe, expect, it } from "vitest";
import WebSocket from "ws";
import { WebsocketProvider } from "y-websocket";
import * as Y from "yjs";
import { markdownOf, mergeMarkdown } from "../../plugins/docs/markdown/ydoc";
import { basicAuth, startServer, type RunningServer } from "./support/server";

const PASSWORD = "Yjs-Cumulus-2026!";
const auth = { Authorization: basicAuth("admin", PASSWORD) };
const running: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
});

async function until(check: () => boolean | Promise<boolean>, what: string, ms = 10_000) {
  const deadline = Date.now() + ms;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

/** The unmodified y-websocket provider, as any Yjs app would use it, with a token from Cumulus. */
async function provider(server: RunningServer, fileId: number) {
  const res = await fetch(`${server.url}/api/collab/${fileId}/token`, { method: "POST", headers: auth });
  const { token } = (await res.json()) as { token: string };
  const doc = new Y.Doc();
  const p = new WebsocketProvider(`${server.url.replace("http", "ws")}/collab`, String(fileId), doc, {
    params: { token },
    WebSocketPolyfill: WebSocket as unknown as typeof globalThis.WebSocket,
    disableBc: true,
  });
  await until(() => p.synced, "sync");
  return { doc, p };
}

describe("the unmodified y-websocket client provider", () => {
  it("edits a document with another provider, the Markdown reaches the file, and it survives a restart", async () => {
    const first = await startServer({ adminPassword: PASSWORD });
    running.push(first);
    const put = await fetch(`${first.url}/remote.php/dav/files/admin/Compte%20rendu%20AG.md`, { method: "PUT", headers: auth, body: "# Compte rendu AG\n" });
    const fileId = Number(put.headers.get("OC-FileId")!.slice(0, 8));

    const a = await provider(first, fileId);
    const b = await provider(first, fileId);
    await until(() => markdownOf(a.doc) === "# Compte rendu AG\n" && markdownOf(b.doc) === "# Compte rendu AG\n", "initial content");
    mergeMarkdown(a.doc, "# Compte rendu AG\n\nPrésents : Léa, Hugo.\n", "a");
    mergeMarkdown(b.doc, "# Compte rendu AG\n\nDécisions à venir.\n", "b");
    await until(() => markdownOf(a.doc) === markdownOf(b.doc) && markdownOf(a.doc).includes("Léa") && markdownOf(a.doc).includes("Décisions"), "convergence");
    const converged = markdownOf(a.doc);

    a.p.destroy();
    b.p.destroy();
    // When the last editor leaves, the room writes the Markdown back to the file.
    const file = async () => (await fetch(`${first.url}/remote.php/dav/files/admin/Compte%20rendu%20AG.md`, { headers: auth })).text();
    await until(async () => (await file()) === converged, "write-back to the file");
    await first.stop();

    const second = await startServer({ adminPassword: PASSWORD, stateDir: first.stateDir });
    running.push(second);
    const c = await provider(second, fileId);
    await until(() => markdownOf(c.doc) === converged, "content after restart");
    c.p.destroy();
  });
});
