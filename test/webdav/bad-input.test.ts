import { beforeAll, describe, expect, it } from "vitest";
import { call, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { dav } from "../support/dav";
import { provisionUser } from "../support/orgs";

describe("WebDAV bad input", () => {
  beforeAll(async () => {
    await seedAdmin();
    await dav("MKCOL", "/dossier");
  });

  it.each([
    ["an encoded slash", "/dossier/a%2Fb.txt"],
    ["a NUL", "/dossier/a%00b.txt"],
    ["a name made of dot-dot and a slash", "/dossier/..%2Fx.txt"],
    ["an overlong name", `/dossier/${"é".repeat(200)}.txt`],
    ["broken percent-encoding", "/dossier/%E9t%C3.txt"],
  ])("refuses %s with a 4xx, never a 500", async (_, path) => {
    const res = await dav("PUT", path, { body: "x" });
    expect(res.status).toBeGreaterThanOrEqual(400);
    expect(res.status).toBeLessThan(500);
    expect(res.headers.get("Content-Type")).toContain("application/xml");
  });

  it("never lets dot segments climb out of the user's tree", async () => {
    // URL parsing resolves `..` before routing; what is left must still be checked, and is.
    for (const path of ["/../voisin/x.txt", "/%2E%2E/%2E%2E/webdav/x.txt"]) {
      const res = await dav("PUT", path, { body: "x" });
      expect(res.status, path).toBeGreaterThanOrEqual(400);
      expect(res.status, path).toBeLessThan(500);
    }
  });

  it("refuses to move a folder into itself", async () => {
    await dav("MKCOL", "/dossier/sous");
    const res = await dav("MOVE", "/dossier", { headers: { Destination: "/remote.php/dav/files/admin/dossier/sous/dossier" } });
    expect([403, 409]).toContain(res.status);
  });

  it("answers 401 with a Basic challenge without credentials, and 403 on someone else's tree", async () => {
    const anonymous = await call("/remote.php/dav/files/admin/", { method: "PROPFIND" });
    expect(anonymous.status).toBe(401);
    expect(anonymous.headers.get("WWW-Authenticate")).toMatch(/^Basic realm=/);
    const other = await provisionUser(["admin", STRONG_PASSWORD], "voisin");
    expect((await call("/remote.php/dav/files/admin/", { method: "PROPFIND", auth: other })).status).toBe(403);
  });
});
