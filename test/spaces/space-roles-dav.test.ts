import { beforeAll, describe, expect, it } from "vitest";
import { call, ocs, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { createOrg, provisionUser } from "../support/orgs";
import { createGroup, createSpace, files, grant, permissionsIn, revoke, type Auth, type SpaceJson } from "./support";

const admin: Auth = ["admin", STRONG_PASSWORD];
const SPACE = "Partage Codep 34 - Plongée";
const AT = `/${encodeURIComponent(SPACE)}`;
const href = (user: Auth, path = "") => `/remote.php/dav/files/${user[0]}/${SPACE}/${path}`;

describe("space roles over WebDAV", () => {
  let reader: Auth;
  let writer: Auth;
  let manager: Auth;
  let viaGroup: Auth;
  let space: SpaceJson;

  beforeAll(async () => {
    await seedAdmin();
    await createOrg(admin, "codep34", "Codep 34");
    reader = await provisionUser(admin, "lecteur", ["codep34"]);
    writer = await provisionUser(admin, "redacteur", ["codep34"]);
    manager = await provisionUser(admin, "responsable", ["codep34"]);
    viaGroup = await provisionUser(admin, "moniteur", ["codep34"]);
    await createGroup(admin, "moniteurs34", ["moniteur"]);
    space = await createSpace(admin, { name: SPACE, orgId: "codep34" });
    await grant(admin, space.id, "user", "lecteur", "read");
    await grant(admin, space.id, "user", "redacteur", "write");
    await grant(admin, space.id, "user", "responsable", "manage");
    await grant(admin, space.id, "group", "moniteurs34", "write");
    expect((await files(writer, "PUT", `${AT}/Compte-rendu.md`, { body: "# CR" })).status).toBe(201);
  });

  it("shows the space in each member's root with their role's letters", async () => {
    const readerSees = await permissionsIn(reader);
    expect(readerSees.get(href(reader))).toBe("MG");
    const writerSees = await permissionsIn(writer);
    expect(writerSees.get(href(writer))).toContain("CK");
    expect(writerSees.get(href(writer))).not.toMatch(/[DNVR]/);
    const managerSees = await permissionsIn(manager);
    expect(managerSees.get(href(manager))).toContain("R");
    expect(managerSees.get(href(manager))).toContain("CK");
  });

  it("gives a reader read-only letters inside the space", async () => {
    const inside = await permissionsIn(reader, `${AT}/`);
    const letters = inside.get(href(reader, "Compte-rendu.md"))!;
    expect(letters).toContain("G");
    expect(letters).not.toMatch(/[CKDNVWR]/);
  });

  it("refuses a reader's PUT, MKCOL, DELETE and MOVE (403) and changes nothing", async () => {
    expect((await files(reader, "PUT", `${AT}/nouveau.txt`, { body: "non" })).status).toBe(403);
    expect((await files(reader, "PUT", `${AT}/Compte-rendu.md`, { body: "écrasé" })).status).toBe(403);
    expect((await files(reader, "MKCOL", `${AT}/Dossier`)).status).toBe(403);
    expect((await files(reader, "DELETE", `${AT}/Compte-rendu.md`)).status).toBe(403);
    expect((await files(reader, "DELETE", AT)).status).toBe(403);
    const move = await files(reader, "MOVE", `${AT}/Compte-rendu.md`, { headers: { Destination: `/remote.php/dav/files/lecteur/cr.md` } });
    expect(move.status).toBe(403);
    expect(await (await files(writer, "GET", `${AT}/Compte-rendu.md`)).text()).toBe("# CR");
    expect((await files(writer, "GET", `${AT}/nouveau.txt`)).status).toBe(404);
    expect((await files(writer, "PROPFIND", `${AT}/Dossier`, { headers: { Depth: "0" } })).status).toBe(404);
    expect(await (await files(reader, "GET", `${AT}/Compte-rendu.md`)).text()).toBe("# CR");
  });

  it("lets a writer upload, create folders and delete", async () => {
    expect((await files(writer, "MKCOL", `${AT}/Sorties`)).status).toBe(201);
    expect((await files(writer, "PUT", `${AT}/Sorties/2024-06.txt`, { body: "Sortie fosse" })).status).toBe(201);
    expect(await (await files(reader, "GET", `${AT}/Sorties/2024-06.txt`)).text()).toBe("Sortie fosse");
    expect((await files(writer, "DELETE", `${AT}/Sorties/2024-06.txt`)).status).toBe(204);
    expect((await files(reader, "GET", `${AT}/Sorties/2024-06.txt`)).status).toBe(404);
  });

  it("gives a group's members the group's role", async () => {
    expect((await permissionsIn(viaGroup)).get(href(viaGroup))).toContain("CK");
    expect((await files(viaGroup, "PUT", `${AT}/par-le-groupe.txt`, { body: "ok" })).status).toBe(201);
  });

  it("does not let a writer remove or rename the space itself", async () => {
    expect((await files(writer, "DELETE", AT)).status).toBe(403);
    expect((await files(writer, "MOVE", AT, { headers: { Destination: "/remote.php/dav/files/redacteur/Autre" } })).status).toBe(403);
  });

  it("lets a manager open the space by a read-only public link (accès libre), and no writer", async () => {
    const share = (user: Auth) =>
      ocs("/ocs/v2.php/apps/files_sharing/api/v1/shares", { method: "POST", auth: user, form: { path: `/${SPACE}`, shareType: "3", permissions: "1" } });
    expect((await share(writer)).status).toBe(404);
    const res = await share(manager);
    expect(res.status).toBe(200);
    const token = ((await res.json()) as { ocs: { data: { token: string } } }).ocs.data.token;
    const visitor = await call(`/public.php/dav/files/${token}/Compte-rendu.md`);
    expect(visitor.status).toBe(200);
    expect(await visitor.text()).toBe("# CR");
    expect((await call(`/public.php/dav/files/${token}/intrus.txt`, { method: "PUT", body: "non" })).status).toBeGreaterThanOrEqual(400);
  });

  it("ends access at once when a role is revoked", async () => {
    expect((await revoke(admin, space.id, "user", "lecteur")).status).toBe(204);
    expect((await permissionsIn(reader)).has(href(reader))).toBe(false);
    expect((await files(reader, "GET", `${AT}/Compte-rendu.md`)).status).toBe(404);
    expect((await revoke(admin, space.id, "group", "moniteurs34")).status).toBe(204);
    expect((await files(viaGroup, "PUT", `${AT}/encore.txt`, { body: "non" })).status).not.toBe(201);
    expect((await files(viaGroup, "GET", `${AT}/par-le-groupe.txt`)).status).toBe(404);
  });
});
