import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "../../schema/core";
import { call, db, ocs, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { ADMIN } from "../support/dav";
import { provisionUser } from "../support/orgs";

// A DAV request's tree is looked up while its credentials are checked (workers/webdav/tree-prefetch.ts):
// none of what that lookup reads may reach anyone the check does not let in as the URL's account.
const propfind = (path: string, auth: [string, string]) => call(path, { method: "PROPFIND", auth, headers: { Depth: "1" } });

describe("the tree lookup that starts before authentication", () => {
  beforeAll(async () => {
    await seedAdmin();
    await provisionUser(ADMIN, "lea");
    await provisionUser(ADMIN, "hugo");
    for (const [who, folder] of [["admin", "dossier-secret"], ["hugo", "journal-intime"]] as const) {
      const res = await call(`/remote.php/dav/files/${who}/${folder}`, { method: "MKCOL", auth: [who, STRONG_PASSWORD] });
      expect(res.status).toBe(201);
    }
  });

  it("shows nothing of the tree to a wrong password for the URL's account", async () => {
    const res = await propfind("/remote.php/dav/files/admin/", ["admin", "Mauvais-mot-2-passe!"]);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("dossier-secret");
  });

  it("refuses another account's tree, whoever is logged in", async () => {
    const res = await propfind("/remote.php/dav/files/admin/", ["lea", STRONG_PASSWORD]);
    expect(res.status).toBe(403);
    expect(await res.text()).not.toContain("dossier-secret");
  });

  it("shows nothing to a disabled account with its right password", async () => {
    expect((await ocs("/ocs/v2.php/cloud/users/hugo/disable", { method: "PUT", auth: ADMIN })).status).toBe(200);
    const res = await propfind("/remote.php/dav/files/hugo/", ["hugo", STRONG_PASSWORD]);
    expect(res.status).toBe(401);
    expect(await res.text()).not.toContain("journal-intime");
    expect((await ocs("/ocs/v2.php/cloud/users/hugo/enable", { method: "PUT", auth: ADMIN })).status).toBe(200);
    expect((await propfind("/remote.php/dav/files/hugo/", ["hugo", STRONG_PASSWORD])).status).toBe(207);
  });

  it("serves the logged-in account's own tree by login name, by e-mail address and through the legacy door", async () => {
    await db().update(users).set({ email: "lea@example.org" }).where(eq(users.id, "lea"));
    expect((await call("/remote.php/dav/files/lea/dossier", { method: "MKCOL", auth: ["lea@example.org", STRONG_PASSWORD] })).status).toBe(201);
    for (const [path, auth] of [
      ["/remote.php/dav/files/lea/dossier/", ["lea", STRONG_PASSWORD]],
      ["/remote.php/dav/files/lea/dossier/", ["lea@example.org", STRONG_PASSWORD]],
      ["/remote.php/webdav/dossier/", ["lea", STRONG_PASSWORD]],
      ["/remote.php/webdav/dossier/", ["lea@example.org", STRONG_PASSWORD]],
    ] as const) {
      const res = await propfind(path, [...auth]);
      expect(res.status).toBe(207);
      expect(await res.text()).toContain(`<d:href>${path}</d:href>`);
    }
  });
});
