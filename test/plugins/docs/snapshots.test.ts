import { beforeAll, describe, expect, it } from "vitest";
import { seedAdmin } from "../../support/accounts";
import { ADMIN } from "../../support/dav";
import { provisionUser } from "../../support/orgs";
import { files, mkcol, share, type Auth } from "../../sharing/support";
import { api, fileIdOf, openRoom, text, typeInto } from "./support";

interface VersionJson {
  id: number;
  label: string | null;
  author: string | null;
  size: number;
}

const versionsOf = async (user: Auth, id: number) => (await (await api(user, "GET", `/api/versions/${id}`)).json<{ versions: VersionJson[] }>()).versions;

describe("named snapshots of a document", () => {
  let owner: Auth;
  let reader: Auth;
  let stranger: Auth;
  let docId: number;
  beforeAll(async () => {
    await seedAdmin();
    owner = await provisionUser(ADMIN, "snap-owner");
    reader = await provisionUser(ADMIN, "snap-reader");
    stranger = await provisionUser(ADMIN, "snap-stranger");
    await mkcol(owner, "/Bureau");
    const res = await files(owner, "PUT", "/Bureau/PV.md", { body: "# PV\n" });
    docId = fileIdOf(res);
    await share(owner, { path: "/Bureau", shareType: "0", shareWith: reader[0], permissions: "1" });
  });

  it("keeps the live text under its label in the Versions list, and restores it like any version", async () => {
    const peer = await openRoom(docId, owner[0]);
    await typeInto(peer, docId, owner[0], "# PV\n\nVersion votée en AG.\n");
    const res = await api(owner, "POST", `/api/docs/${docId}/snapshots`, { label: "  Avant relecture  " });
    expect(res.status).toBe(201);
    const { version } = await res.json<{ version: VersionJson }>();
    expect(version.label).toBe("Avant relecture");
    peer.close();

    const listed = await versionsOf(owner, docId);
    expect(listed.find((v) => v.id === version.id)).toMatchObject({ label: "Avant relecture", author: owner[0] });
    const content = await api(owner, "GET", `/api/versions/${docId}/${version.id}/content`);
    expect(await content.text()).toBe("# PV\n\nVersion votée en AG.\n");

    // Later changes do not touch it; restoring brings its text back.
    expect((await files(owner, "PUT", "/Bureau/PV.md", { body: "# PV\n\nTout réécrit.\n" })).status).toBe(204);
    expect((await api(owner, "POST", `/api/versions/${docId}/${version.id}/restore`)).status).toBe(200);
    expect(await text(owner, "/Bureau/PV.md")).toBe("# PV\n\nVersion votée en AG.\n");
  });

  it("wants a label of 1 to 100 characters", async () => {
    expect((await api(owner, "POST", `/api/docs/${docId}/snapshots`, { label: "   " })).status).toBe(400);
    expect((await api(owner, "POST", `/api/docs/${docId}/snapshots`, { label: "x".repeat(101) })).status).toBe(400);
    expect((await api(owner, "POST", `/api/docs/${docId}/snapshots`, {})).status).toBe(400);
  });

  it("takes write access: readers get 403, strangers 404", async () => {
    expect((await api(reader, "POST", `/api/docs/${docId}/snapshots`, { label: "Lecteur" })).status).toBe(403);
    expect((await api(stranger, "POST", `/api/docs/${docId}/snapshots`, { label: "Intrus" })).status).toBe(404);
    expect((await versionsOf(owner, docId)).map((v) => v.label)).not.toContain("Lecteur");
  });
});
