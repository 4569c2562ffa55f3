import { beforeAll, describe, expect, it } from "vitest";
import { call, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";

const admin: [string, string] = ["admin", STRONG_PASSWORD];
const bytes = (n: number) => "x".repeat(n);
const files = (user: [string, string], method: string, path: string, init: RequestInit = {}) => call(`/remote.php/dav/files/${user[0]}${path}`, { ...init, method, auth: user });

describe("an organisation's storage pool", () => {
  let ana: [string, string];
  let bob: [string, string];

  beforeAll(async () => {
    await seedAdmin();
    const org = await call("/api/admin/orgs", {
      method: "POST",
      auth: admin,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ id: "pool-1000", name: "Pool de 1000 octets", quotaBytes: 1000 }),
    });
    expect([201, 409]).toContain(org.status);
    ana = await provisionUser(admin, "pool-ana", ["pool-1000"]);
    bob = await provisionUser(admin, "pool-bob", ["pool-1000"]);
  });

  it("is shared by the members: once one fills most of it, the other gets 507 and nothing is written", async () => {
    expect((await files(ana, "PUT", "/a.txt", { body: bytes(700) })).status).toBe(201);
    const refused = await files(bob, "PUT", "/b.txt", { body: bytes(400) });
    expect(refused.status).toBe(507);
    expect((await files(bob, "GET", "/b.txt")).status).toBe(404);
    expect((await files(bob, "PUT", "/b.txt", { body: bytes(300) })).status).toBe(201);
  });

  it("shows each member what is left of the pool as quota-available-bytes", async () => {
    const xml = await (await files(bob, "PROPFIND", "/", { headers: { Depth: "0" }, body: '<d:propfind xmlns:d="DAV:"><d:prop><d:quota-available-bytes/></d:prop></d:propfind>' })).text();
    expect(xml).toContain("<d:quota-available-bytes>0</d:quota-available-bytes>");
  });
});
