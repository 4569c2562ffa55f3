import { beforeAll, describe, expect, it } from "vitest";
import { seedAdmin } from "../support/accounts";
import { dav } from "../support/dav";

describe("atomic writes", () => {
  beforeAll(async () => {
    await seedAdmin();
    await dav("PUT", "/210831-reunionCA.docx", { body: "version 1" });
  });

  it("keeps the previous content when an upload fails", async () => {
    // Content-Length promises more than the body holds: the upload breaks off.
    const res = await dav("PUT", "/210831-reunionCA.docx", {
      body: new ReadableStream({ start: (c) => (c.enqueue(new TextEncoder().encode("trunc")), c.close()) }),
      headers: { "Content-Length": "1000" },
      duplex: "half",
    } as RequestInit);
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(await (await dav("GET", "/210831-reunionCA.docx")).text()).toBe("version 1");
  });

  it("refuses a wrong OC-Checksum and keeps the old content", async () => {
    const res = await dav("PUT", "/210831-reunionCA.docx", { body: "version 2", headers: { "OC-Checksum": `SHA1:${"0".repeat(40)}` } });
    expect(res.status).toBe(400);
    expect(await (await dav("GET", "/210831-reunionCA.docx")).text()).toBe("version 1");
  });

  it("leaves one complete file after two concurrent uploads", async () => {
    const a = "A".repeat(50_000);
    const b = "B".repeat(70_000);
    const results = await Promise.all([dav("PUT", "/concurrent.bin", { body: a }), dav("PUT", "/concurrent.bin", { body: b })]);
    for (const r of results) expect([201, 204]).toContain(r.status);
    const content = await (await dav("GET", "/concurrent.bin")).text();
    expect([a, b]).toContain(content);
    const listing = await (await dav("PROPFIND", "/concurrent.bin", { headers: { Depth: "0" } })).text();
    expect(listing).toContain(`<d:getcontentlength>${content.length}</d:getcontentlength>`);
  });

  it("serves byte ranges for resumed downloads", async () => {
    await dav("PUT", "/range.txt", { body: "0123456789" });
    const res = await dav("GET", "/range.txt", { headers: { Range: "bytes=3-5" } });
    expect(res.status).toBe(206);
    expect(res.headers.get("Content-Range")).toBe("bytes 3-5/10");
    expect(await res.text()).toBe("345");
  });

  it("answers 507 and writes nothing over quota", async () => {
    const { users } = await import("../../schema/core");
    const { eq } = await import("drizzle-orm");
    const { db } = await import("../support/accounts");
    await db().update(users).set({ quotaBytes: 100 }).where(eq(users.id, "admin"));
    const res = await dav("PUT", "/trop-gros.bin", { body: "x".repeat(200_000) });
    expect(res.status).toBe(507);
    expect((await dav("GET", "/trop-gros.bin")).status).toBe(404);
    await db().update(users).set({ quotaBytes: null }).where(eq(users.id, "admin"));
  });
});
