import { createHash, randomBytes } from "node:crypto";
import { createReadStream, mkdtempSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicAuth, startServer, type RunningServer } from "./support/server";
import { requireTool, run } from "./support/tools";

const PASSWORD = "Desktop-Chunks-1!";
const MiB = 1024 * 1024;
const SIZE = 300 * MiB + 12_345; // not a multiple of any chunk or part size: the last piece is short
const hasClient = requireTool("nextcloudcmd", "nextcloud-desktop-cmd");

async function sha256OfFile(path: string): Promise<string> {
  const hash = createHash("sha256");
  for await (const piece of createReadStream(path)) hash.update(piece as Buffer);
  return hash.digest("hex");
}

async function sha256OfBody(res: Response): Promise<{ sha256: string; length: number }> {
  const hash = createHash("sha256");
  let length = 0;
  const reader = res.body!.getReader();
  for (let read = await reader.read(); !read.done; read = await reader.read()) {
    hash.update(read.value);
    length += read.value.byteLength;
  }
  return { sha256: hash.digest("hex"), length };
}

describe.skipIf(!hasClient)("a large file synced up by nextcloudcmd goes through chunked upload", () => {
  let server: RunningServer;
  const local = mkdtempSync(join(tmpdir(), "ncmd-chunks-"));
  const file = join(local, "plongée-4K.mov");

  beforeAll(async () => {
    server = await startServer({ adminPassword: PASSWORD });
    const res = await fetch(`${server.url}/remote.php/dav/files/admin/Gros`, { method: "MKCOL", headers: { Authorization: basicAuth("admin", PASSWORD) } });
    expect(res.status).toBe(201);
    // Random bytes, written 10 MiB at a time so that the test never holds the whole file.
    writeFileSync(file, "");
    for (let written = 0; written < SIZE; written += 10 * MiB) writeFileSync(file, randomBytes(Math.min(10 * MiB, SIZE - written)), { flag: "a" });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("uploads ~300 MB in chunks and the server gives back the same bytes", async () => {
    const before = server.output().length;
    await run("nextcloudcmd", ["--non-interactive", "--silent", "-u", "admin", "-p", PASSWORD, "--path", "/Gros", local, server.url], {
      timeout: 120_000,
      // Chunks of 10 MiB growing to at most 40 MiB: the client's own settings, well under the advertised maximum.
      env: { ...process.env, OWNCLOUD_CHUNK_SIZE: String(10 * MiB), OWNCLOUD_MAX_CHUNK_SIZE: String(40 * MiB) },
    });

    // The server's own request log, as `npm start` prints it: the bytes came as chunks, joined by one MOVE.
    const log = server.output().slice(before);
    const chunkPuts = [...log.matchAll(/\] PUT \/remote\.php\/dav\/uploads\/admin\/[^/\s]+\/\d+ (\d{3})/g)].map((m) => m[1]);
    const finishes = [...log.matchAll(/\] MOVE \/remote\.php\/dav\/uploads\/admin\/[^/\s]+\/\.file (\d{3})/g)].map((m) => m[1]);
    expect(chunkPuts.length, log.slice(-3000)).toBeGreaterThanOrEqual(Math.ceil(SIZE / (40 * MiB)));
    expect(chunkPuts.every((s) => s === "201" || s === "204")).toBe(true);
    expect(finishes).toEqual(["201"]);
    expect(log).not.toMatch(/\] PUT \/remote\.php\/dav\/files\/admin\/Gros\/plong/);

    const res = await fetch(`${server.url}/remote.php/dav/files/admin/Gros/${encodeURIComponent("plongée-4K.mov")}`, { headers: { Authorization: basicAuth("admin", PASSWORD) } });
    expect(res.status).toBe(200);
    const got = await sha256OfBody(res);
    expect(got.length).toBe(SIZE);
    expect(got.sha256).toBe(await sha256OfFile(file));

    // Nothing is left staged once the upload is in place.
    const staged = await fetch(`${server.url}/remote.php/dav/uploads/admin/`, { method: "PROPFIND", headers: { Authorization: basicAuth("admin", PASSWORD), Depth: "1" } });
    expect(staged.status).toBe(207);
    expect([...(await staged.text()).matchAll(/<d:response>/g)]).toHaveLength(1);
  });
});
