import { beforeAll, describe, expect, it } from "vitest";
import { seedAdmin } from "../support/accounts";
import { dav } from "../support/dav";

const ROOT = "http://cumulus.test/remote.php/dav/files/admin";
const lockBody = (scope: "exclusive" | "shared") =>
  `<?xml version="1.0" encoding="utf-8"?><D:lockinfo xmlns:D="DAV:"><D:lockscope><D:${scope}/></D:lockscope><D:locktype><D:write/></D:locktype><D:owner>litmus</D:owner></D:lockinfo>`;

async function lock(path: string, scope: "exclusive" | "shared", headers: Record<string, string> = {}) {
  const res = await dav("LOCK", path, { body: lockBody(scope), headers: { Timeout: "Second-600", ...headers } });
  const body = await res.text();
  return { status: res.status, token: /^<(.+)>$/.exec(res.headers.get("Lock-Token") ?? "")?.[1], body };
}

describe("WebDAV write locks", () => {
  beforeAll(async () => {
    await seedAdmin();
    await dav("PUT", "/verrou.txt", { body: "v1" });
  });

  it("an exclusive lock refuses writes without its token (423) and accepts them with it", async () => {
    const { status, token, body } = await lock("/verrou.txt", "exclusive");
    expect(status).toBe(200);
    expect(token).toMatch(/^opaquelocktoken:/);
    expect(body).toContain("<d:exclusive/>");
    expect(body).toContain("<d:owner>litmus</d:owner>");
    expect((await dav("PUT", "/verrou.txt", { body: "intrus" })).status).toBe(423);
    expect((await dav("DELETE", "/verrou.txt")).status).toBe(423);
    expect((await lock("/verrou.txt", "shared")).status).toBe(423);
    expect((await dav("PUT", "/verrou.txt", { body: "v2", headers: { If: `(<${token}>)` } })).status).toBe(204);
    // A tagged list naming the resource works too; a wrong token makes the condition fail (412).
    expect((await dav("PUT", "/verrou.txt", { body: "v3", headers: { If: `<${ROOT}/verrou.txt> (<${token}>)` } })).status).toBe(204);
    expect((await dav("PUT", "/verrou.txt", { body: "v4", headers: { If: "(<opaquelocktoken:faux>)" } })).status).toBe(412);
    expect((await dav("UNLOCK", "/verrou.txt", { headers: { "Lock-Token": `<${token}>` } })).status).toBe(204);
    expect((await dav("PUT", "/verrou.txt", { body: "v5" })).status).toBe(204);
  });

  it("refreshes a lock named in the If header", async () => {
    const { token } = await lock("/verrou.txt", "exclusive");
    const refreshed = await dav("LOCK", "/verrou.txt", { headers: { If: `(<${token}>)`, Timeout: "Second-120" } });
    expect(refreshed.status).toBe(200);
    expect(await refreshed.text()).toMatch(/<d:timeout>Second-1[12]\d<\/d:timeout>/);
    await dav("UNLOCK", "/verrou.txt", { headers: { "Lock-Token": `<${token}>` } });
  });

  it("lets shared locks coexist, and an exclusive one wait for them", async () => {
    const a = await lock("/verrou.txt", "shared");
    const b = await lock("/verrou.txt", "shared");
    expect([a.status, b.status]).toEqual([200, 200]);
    expect((await lock("/verrou.txt", "exclusive")).status).toBe(423);
    for (const t of [a.token, b.token]) await dav("UNLOCK", "/verrou.txt", { headers: { "Lock-Token": `<${t}>` } });
  });

  it("a depth-infinity lock on a folder covers new members", async () => {
    await dav("MKCOL", "/dossier-verrouille");
    const { token } = await lock("/dossier-verrouille", "exclusive");
    expect((await dav("PUT", "/dossier-verrouille/nouveau.txt", { body: "x" })).status).toBe(423);
    expect((await dav("PUT", "/dossier-verrouille/nouveau.txt", { body: "x", headers: { If: `(<${token}>)` } })).status).toBe(201);
    expect((await dav("MOVE", "/dossier-verrouille", { headers: { Destination: `${ROOT}/ailleurs` } })).status).toBe(423);
    await dav("UNLOCK", "/dossier-verrouille", { headers: { "Lock-Token": `<${token}>` } });
  });

  it("LOCK on an unmapped URL creates an empty file and answers 201", async () => {
    const { status, token } = await lock("/pas-encore.txt", "exclusive");
    expect(status).toBe(201);
    const res = await dav("GET", "/pas-encore.txt");
    expect(res.status).toBe(200);
    expect(await res.text()).toBe("");
    await dav("UNLOCK", "/pas-encore.txt", { headers: { "Lock-Token": `<${token}>` } });
  });

  it("refuses a malformed lock request with 400", async () => {
    expect((await dav("LOCK", "/verrou.txt", { body: "<D:lockinfo xmlns:D='DAV:'>" })).status).toBe(400);
    expect((await dav("UNLOCK", "/verrou.txt")).status).toBe(400);
  });
});
