import { beforeAll, describe, expect, it } from "vitest";
import { call, seedAdmin } from "../../support/accounts";
import { ADMIN } from "../../support/dav";
import { provisionUser } from "../../support/orgs";
import { files, mkcol, type Auth } from "../../sharing/support";
import { PNG } from "./docx-fixture";
import { api, upload } from "./support";

/** Plugin hooks run after the response: what they do is waited for. */
async function eventually(check: () => Promise<boolean>, what: string) {
  const deadline = Date.now() + 5_000;
  while (!(await check())) {
    if (Date.now() > deadline) throw new Error(`timed out waiting for ${what}`);
    await new Promise((r) => setTimeout(r, 50));
  }
}

describe("a document's pictures go where the document goes", () => {
  let owner: Auth;
  let docId: number;
  const status = async (path: string) => (await files(owner, "GET", path)).status;
  const picture = () => call(`/api/docs/${docId}/attachments/photo.png`, { auth: owner });

  beforeAll(async () => {
    await seedAdmin();
    owner = await provisionUser(ADMIN, "follow-owner");
    await mkcol(owner, "/Club");
    await mkcol(owner, "/Archives");
    docId = await upload(owner, "/Club/PV.md", "# PV\n");
    const photoId = await upload(owner, "/photo.png", PNG);
    expect((await api(owner, "POST", `/api/docs/${docId}/attachments`, { fileId: photoId })).status).toBe(201);
  });

  it("moves the attachment folder along when the document moves to another folder", async () => {
    const moved = await files(owner, "MOVE", "/Club/PV.md", { headers: { Destination: `http://cumulus.test/remote.php/dav/files/${owner[0]}/Archives/PV.md` } });
    expect(moved.status).toBe(201);
    await eventually(async () => (await status(`/Archives/.attachments.${docId}/photo.png`)) === 200, "the pictures beside the moved document");
    expect(await status(`/Club/.attachments.${docId}/photo.png`)).toBe(404);
    expect((await picture()).status).toBe(200);
  });

  it("keeps the attachment folder where it is on a rename", async () => {
    const renamed = await files(owner, "MOVE", "/Archives/PV.md", { headers: { Destination: `http://cumulus.test/remote.php/dav/files/${owner[0]}/Archives/PV%202026.md` } });
    expect(renamed.status).toBe(201);
    expect((await picture()).status).toBe(200);
  });

  it("sends the pictures to the trash with the document, and brings them back with it", async () => {
    expect((await files(owner, "DELETE", "/Archives/PV%202026.md")).status).toBe(204);
    await eventually(async () => (await status(`/Archives/.attachments.${docId}/photo.png`)) === 404, "the pictures in the trash");

    const trash = `/remote.php/dav/trashbin/${owner[0]}`;
    const listing = await (await call(`${trash}/trash/`, { method: "PROPFIND", auth: owner, headers: { Depth: "1" } })).text();
    const trashName = /\/trash\/(PV%202026\.md\.d\d+)<\/d:href>/.exec(listing)?.[1];
    expect(listing).toContain(`.attachments.${docId}`);
    expect(trashName).toBeDefined();
    const restored = await call(`${trash}/trash/${trashName}`, { method: "MOVE", auth: owner, headers: { Destination: `http://cumulus.test${trash}/restore/PV%202026.md` } });
    expect(restored.status).toBe(201);
    await eventually(async () => (await status(`/Archives/.attachments.${docId}/photo.png`)) === 200, "the pictures restored beside the document");
    expect((await picture()).status).toBe(200);
  });
});
