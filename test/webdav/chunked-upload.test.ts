import { env } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { chunkedUploads, uploadChunks, users } from "../../schema/core";
import { createUser, findUser } from "../../workers/accounts/users";
import { reclaimAbandonedUploads } from "../../workers/webdav/uploads/reclaim";
import { call, db, STRONG_PASSWORD } from "../support/accounts";

const LEA: [string, string] = ["lea-chunks", STRONG_PASSWORD];
const MARC: [string, string] = ["marc-chunks", STRONG_PASSWORD];
const MiB = 1024 * 1024;

const uploads = (path: string, method: string, init: RequestInit & { auth?: [string, string] } = {}) =>
  call(`/remote.php/dav/uploads/${LEA[0]}${path}`, { auth: LEA, ...init, method });
const files = (path: string, method: string, init: RequestInit & { auth?: [string, string] } = {}) =>
  call(`/remote.php/dav/files/${LEA[0]}${path}`, { auth: LEA, ...init, method });
/** As clients send it: a path, percent-encoded. */
const destination = (path: string) => `/remote.php/dav/files/${LEA[0]}${path.split("/").map(encodeURIComponent).join("/")}`;

/** Deterministic bytes that differ from chunk to chunk, so that an order or boundary mistake shows. */
function bytes(length: number, seed: number): Uint8Array {
  const out = new Uint8Array(length);
  let x = seed * 2654435761;
  for (let i = 0; i < length; i++) {
    x = (x * 1103515245 + 12345) >>> 0;
    out[i] = x >>> 24;
  }
  return out;
}

function concat(parts: Uint8Array[]): Uint8Array {
  const out = new Uint8Array(parts.reduce((n, p) => n + p.byteLength, 0));
  let at = 0;
  for (const p of parts) out.set(p, (at += p.byteLength) - p.byteLength);
  return out;
}

async function sha1(data: Uint8Array): Promise<string> {
  return [...new Uint8Array(await crypto.subtle.digest("SHA-1", data))].map((b) => b.toString(16).padStart(2, "0")).join("");
}

const ng = (index: number) => String(index).padStart(16, "0");

async function putChunk(transfer: string, name: string, data: Uint8Array, headers: Record<string, string> = {}) {
  return uploads(`/${transfer}/${name}`, "PUT", { body: data, headers: { "Content-Length": String(data.byteLength), ...headers } });
}

async function stagedObjects(transfer: string): Promise<string[]> {
  const upload = await db().query.chunkedUploads.findFirst({ where: eq(chunkedUploads.transferId, transfer) });
  if (!upload) return [];
  return (await db().select().from(uploadChunks).where(eq(uploadChunks.uploadId, upload.id))).map((c) => c.blobKey);
}

async function content(path: string): Promise<Uint8Array> {
  return new Uint8Array(await (await files(path, "GET")).arrayBuffer());
}

describe("chunked upload (NG and v2)", () => {
  beforeAll(async () => {
    for (const [id] of [LEA, MARC]) if (!(await findUser(db(), id))) await createUser(db(), { id, password: STRONG_PASSWORD });
    await files("/Vidéos", "MKCOL");
  });

  it("assembles NG chunks of varying sizes in order, as nextcloudcmd sends them", async () => {
    const parts = [bytes(1 * MiB, 1), bytes(6 * MiB, 2), bytes(300 * 1024, 3), bytes(9 * MiB + 17, 4)];
    const whole = concat(parts);
    expect((await uploads("/ng-1", "MKCOL", { headers: { "OC-Total-Length": String(whole.byteLength) } })).status).toBe(201);
    let offset = 0;
    for (const [i, part] of parts.entries()) {
      expect((await putChunk("ng-1", ng(i), part, { "OC-Chunk-Offset": String(offset) })).status).toBe(201);
      offset += part.byteLength;
    }
    const res = await uploads("/ng-1/.file", "MOVE", {
      headers: {
        Destination: destination("/Vidéos/sortie plongée.mp4"),
        "OC-Total-Length": String(whole.byteLength),
        "X-OC-Mtime": "1650000000",
        "OC-Checksum": `SHA1:${await sha1(whole)}`,
      },
    });
    expect(res.status).toBe(201);
    expect(res.headers.get("OC-FileId")).toBeTruthy();
    expect(res.headers.get("OC-ETag")).toMatch(/^"[0-9a-f]+"$/);
    expect(res.headers.get("X-OC-MTime")).toBe("accepted");
    const got = await content(`/${encodeURIComponent("Vidéos")}/${encodeURIComponent("sortie plongée.mp4")}`);
    expect(got.byteLength).toBe(whole.byteLength);
    expect(await sha1(got)).toBe(await sha1(whole));
    // The OC-ETag is the one the next PROPFIND shows; the chunks are gone.
    const listing = await (await files(`/${encodeURIComponent("Vidéos")}/${encodeURIComponent("sortie plongée.mp4")}`, "PROPFIND", { headers: { Depth: "0" } })).text();
    expect(listing).toContain(`<d:getetag>${res.headers.get("OC-ETag")!.replaceAll('"', "&quot;")}</d:getetag>`);
    expect(listing).toContain("<d:getlastmodified>" + new Date(1650000000 * 1000).toUTCString());
    expect((await uploads("/ng-1", "PROPFIND", { headers: { Depth: "1" } })).status).toBe(404);
  });

  it("assembles v2 chunks (Destination at MKCOL, numbered from 1) and overwrites with 204", async () => {
    const target = destination("/v2.bin");
    await files("/v2.bin", "PUT", { body: "ancien contenu" });
    const parts = [bytes(5 * MiB, 5), bytes(5 * MiB, 6), bytes(123, 7)];
    const whole = concat(parts);
    expect((await uploads("/v2-1", "MKCOL", { headers: { Destination: target, "OC-Total-Length": String(whole.byteLength) } })).status).toBe(201);
    for (const [i, part] of parts.entries()) expect((await putChunk("v2-1", String(i + 1), part, { Destination: target })).status).toBe(201);
    const res = await uploads("/v2-1/.file", "MOVE", { headers: { Destination: target, "OC-Total-Length": String(whole.byteLength) } });
    expect(res.status).toBe(204);
    expect(await sha1(await content("/v2.bin"))).toBe(await sha1(whole));
    // Chunk 0 and 10001 do not exist in v2.
    expect((await uploads("/v2-2", "MKCOL", { headers: { Destination: target } })).status).toBe(201);
    expect((await putChunk("v2-2", "0", bytes(10, 1))).status).toBe(400);
    expect((await putChunk("v2-2", "10001", bytes(10, 1))).status).toBe(400);
    expect((await putChunk("v2-2", "1", bytes(10, 1), { Destination: destination("/ailleurs.bin") })).status).toBe(400);
  });

  it("lists received chunks so that a resumed upload sends only the missing ones", async () => {
    const parts = [bytes(2 * MiB, 8), bytes(3 * MiB, 9), bytes(1 * MiB, 10)];
    const whole = concat(parts);
    expect((await uploads("/resume", "MKCOL", { headers: { "OC-Total-Length": String(whole.byteLength) } })).status).toBe(201);
    await putChunk("resume", ng(0), parts[0]!);
    await putChunk("resume", ng(2), parts[2]!);
    const res = await uploads("/resume", "PROPFIND", { headers: { Depth: "1" } });
    expect(res.status).toBe(207);
    const xml = await res.text();
    const hrefs = [...xml.matchAll(/<d:href>([^<]+)<\/d:href>/g)].map((m) => m[1]);
    expect(hrefs).toEqual([`/remote.php/dav/uploads/${LEA[0]}/resume/`, `/remote.php/dav/uploads/${LEA[0]}/resume/${ng(0)}`, `/remote.php/dav/uploads/${LEA[0]}/resume/${ng(2)}`]);
    expect(xml).toContain(`<d:getcontentlength>${2 * MiB}</d:getcontentlength>`);
    expect(xml).toContain(`<d:getcontentlength>${1 * MiB}</d:getcontentlength>`);
    expect(xml).toContain("<d:getetag>");
    expect(xml).toContain("<d:resourcetype><d:collection/></d:resourcetype>");
    // Assembling now would lose bytes: refused, nothing written.
    const early = await uploads("/resume/.file", "MOVE", { headers: { Destination: destination("/repris.bin"), "OC-Total-Length": String(whole.byteLength) } });
    expect(early.status).toBe(400);
    expect((await files("/repris.bin", "GET")).status).toBe(404);
    await putChunk("resume", ng(1), parts[1]!);
    expect((await uploads("/resume/.file", "MOVE", { headers: { Destination: destination("/repris.bin"), "OC-Total-Length": String(whole.byteLength) } })).status).toBe(201);
    expect(await sha1(await content("/repris.bin"))).toBe(await sha1(whole));
  });

  it("replaces a chunk sent again and deletes its old bytes", async () => {
    expect((await uploads("/resend", "MKCOL")).status).toBe(201);
    await putChunk("resend", ng(0), bytes(1000, 11));
    const [first] = await stagedObjects("resend");
    expect((await putChunk("resend", ng(0), bytes(700, 12))).status).toBe(204);
    const after = await stagedObjects("resend");
    expect(after).toHaveLength(1);
    expect(after[0]).not.toBe(first);
    expect(await env.FILES.head(first!)).toBeNull();
    expect((await uploads("/resend/.file", "MOVE", { headers: { Destination: destination("/renvoye.bin") } })).status).toBe(201);
    expect(await sha1(await content("/renvoye.bin"))).toBe(await sha1(bytes(700, 12)));
  });

  it("refuses a wrong total or checksum with 400 and keeps the old file and the chunks", async () => {
    await files("/garde.txt", "PUT", { body: "version 1" });
    expect((await uploads("/wrong", "MKCOL")).status).toBe(201);
    await putChunk("wrong", ng(0), bytes(6 * MiB, 13));
    const wrongTotal = await uploads("/wrong/.file", "MOVE", { headers: { Destination: destination("/garde.txt"), "OC-Total-Length": String(6 * MiB + 1) } });
    expect(wrongTotal.status).toBe(400);
    expect(await (await files("/garde.txt", "GET")).text()).toBe("version 1");
    const wrongSum = await uploads("/wrong/.file", "MOVE", { headers: { Destination: destination("/garde.txt"), "OC-Checksum": `SHA1:${"0".repeat(40)}` } });
    expect(wrongSum.status).toBe(400);
    expect(await (await files("/garde.txt", "GET")).text()).toBe("version 1");
    expect(await stagedObjects("wrong")).toHaveLength(1);
  });

  it("honours If conditions and refuses a destination outside my tree", async () => {
    await files("/cond.txt", "PUT", { body: "v1" });
    expect((await uploads("/cond", "MKCOL")).status).toBe(201);
    await putChunk("cond", ng(0), bytes(10, 14));
    const stale = await uploads("/cond/.file", "MOVE", { headers: { Destination: destination("/cond.txt"), If: `<${destination("/cond.txt")}> (["deadbeef"])` } });
    expect(stale.status).toBe(412);
    const stranger = await uploads("/cond/.file", "MOVE", { headers: { Destination: `/remote.php/dav/files/${MARC[0]}/vol.txt` } });
    expect(stranger.status).toBe(400);
    expect(await (await files("/cond.txt", "GET")).text()).toBe("v1");

    // Locked by a LOCK: refused without its token, accepted with it and the right ETag, as nextcloudcmd sends it.
    const body = `<?xml version="1.0"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:exclusive/></D:lockscope><D:locktype><D:write/></D:locktype></D:lockinfo>`;
    const locked = await files("/cond.txt", "LOCK", { body, headers: { Timeout: "Second-600" } });
    const token = /^<(.+)>$/.exec(locked.headers.get("Lock-Token") ?? "")?.[1];
    expect(token).toBeTruthy();
    expect((await uploads("/cond/.file", "MOVE", { headers: { Destination: destination("/cond.txt") } })).status).toBe(423);
    const etag = (await files("/cond.txt", "HEAD")).headers.get("OC-ETag")!;
    const res = await uploads("/cond/.file", "MOVE", { headers: { Destination: destination("/cond.txt"), If: `<${destination("/cond.txt")}> (<${token}> [${etag}])` } });
    expect(res.status).toBe(204);
    expect(await sha1(await content("/cond.txt"))).toBe(await sha1(bytes(10, 14)));
    await files("/cond.txt", "UNLOCK", { headers: { "Lock-Token": `<${token}>` } });
  });

  it("answers 507 over quota, at MKCOL and at MOVE, and writes nothing", async () => {
    await db().update(users).set({ quotaBytes: 50 * MiB }).where(eq(users.id, LEA[0]));
    try {
      expect((await uploads("/quota-big", "MKCOL", { headers: { "OC-Total-Length": String(60 * MiB) } })).status).toBe(507);
      expect((await uploads("/quota", "MKCOL")).status).toBe(201);
      await putChunk("quota", ng(0), bytes(2 * MiB, 15));
      await db().update(users).set({ quotaBytes: 1 }).where(eq(users.id, LEA[0]));
      expect((await uploads("/quota/.file", "MOVE", { headers: { Destination: destination("/plein.bin") } })).status).toBe(507);
      expect((await files("/plein.bin", "GET")).status).toBe(404);
    } finally {
      await db().update(users).set({ quotaBytes: null }).where(eq(users.id, LEA[0]));
    }
  });

  it("refuses too large uploads and chunks, and a chunk without Content-Length", async () => {
    expect((await uploads("/huge", "MKCOL", { headers: { "OC-Total-Length": String(1024 ** 3 + 1) } })).status).toBe(413);
    expect((await uploads("/sizes", "MKCOL")).status).toBe(201);
    expect((await uploads(`/sizes/${ng(0)}`, "PUT", { headers: { "Content-Length": String(200 * MiB) } })).status).toBe(413);
    const streamed = new ReadableStream({ start: (c) => (c.enqueue(new Uint8Array(10)), c.close()) });
    expect((await uploads(`/sizes/${ng(0)}`, "PUT", { body: streamed, duplex: "half" } as RequestInit)).status).toBe(411);
    expect((await putChunk("sizes", "pas-un-nombre", bytes(10, 1))).status).toBe(400);
    expect((await uploads("/sizes", "MKCOL")).status).toBe(405);
  });

  it("keeps my uploads from other users", async () => {
    expect((await uploads("/private", "MKCOL")).status).toBe(201);
    await putChunk("private", ng(0), bytes(10, 16));
    for (const method of ["PROPFIND", "PUT", "DELETE", "MKCOL"]) {
      const res = await uploads(method === "PUT" ? `/private/${ng(1)}` : "/private", method, { auth: MARC, body: method === "PUT" ? "x" : undefined });
      expect(res.status, method).toBe(403);
    }
    const move = await uploads("/private/.file", "MOVE", { auth: MARC, headers: { Destination: `/remote.php/dav/files/${MARC[0]}/vol.bin` } });
    expect(move.status).toBe(403);
    // Marc's own uploads folder has no such upload.
    expect((await call(`/remote.php/dav/uploads/${MARC[0]}/private`, { auth: MARC, method: "PROPFIND" })).status).toBe(404);
  });

  it("reclaims an upload on DELETE, and abandoned ones from the cron", async () => {
    expect((await uploads("/dropped", "MKCOL")).status).toBe(201);
    await putChunk("dropped", ng(0), bytes(100, 17));
    const [key] = await stagedObjects("dropped");
    expect((await uploads("/dropped", "DELETE")).status).toBe(204);
    expect(await env.FILES.head(key!)).toBeNull();
    expect((await uploads("/dropped", "PROPFIND")).status).toBe(404);

    expect((await uploads("/abandoned", "MKCOL")).status).toBe(201);
    await putChunk("abandoned", ng(0), bytes(100, 18));
    const [abandonedKey] = await stagedObjects("abandoned");
    await db().update(chunkedUploads).set({ expiresAt: 1 }).where(eq(chunkedUploads.transferId, "abandoned"));
    expect(await reclaimAbandonedUploads(env)).toBeGreaterThanOrEqual(1);
    expect(await env.FILES.head(abandonedKey!)).toBeNull();
    expect((await uploads("/abandoned", "PROPFIND")).status).toBe(404);
  });

  it("advertises a chunk maximum under Cloudflare's 100 MB body limit", async () => {
    const res = await call("/ocs/v2.php/cloud/capabilities?format=json", { auth: LEA, headers: { "OCS-APIREQUEST": "true" } });
    const body = await res.json<{ ocs: { data: { capabilities: { dav: { chunking: string }; files: { chunked_upload: { max_size: number; max_parallel_count: number } } } } } }>();
    expect(body.ocs.data.capabilities.dav.chunking).toBe("1.0");
    expect(body.ocs.data.capabilities.files.chunked_upload.max_size).toBeLessThan(100_000_000);
    expect(body.ocs.data.capabilities.files.chunked_upload.max_size).toBeGreaterThanOrEqual(10 * MiB);
  });
});
