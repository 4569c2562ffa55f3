import { beforeAll, describe, expect, it } from "vitest";
import { call, seedAdmin } from "../../support/accounts";
import { ADMIN } from "../../support/dav";
import { provisionUser } from "../../support/orgs";
import { files, mkcol, type Auth } from "../../sharing/support";
import { PNG } from "./docx-fixture";
import { repointAttachments } from "../../../plugins/docs/attachments/follow-document";
import { api, text, upload } from "./support";

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
  const fileIdOf = async (path: string) => {
    const res = await files(owner, "PROPFIND", path, { headers: { Depth: "0" }, body: '<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><oc:fileid/></d:prop></d:propfind>' });
    return Number(/<oc:fileid>(\d+)<\/oc:fileid>/.exec(await res.text())![1]);
  };
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

  it("gives a copy its own pictures, and points its text at them", async () => {
    await files(owner, "PUT", "/Archives/PV%202026.md", { body: `# PV\n\n![](.attachments.${docId}/photo.png)\n` });
    const copied = await files(owner, "COPY", "/Archives/PV%202026.md", { headers: { Destination: `http://cumulus.test/remote.php/dav/files/${owner[0]}/Club/PV%20copie.md` } });
    expect(copied.status).toBe(201);
    const copyId = await fileIdOf("/Club/PV%20copie.md");
    await eventually(async () => (await text(owner, "/Club/PV%20copie.md")).includes(`.attachments.${copyId}/photo.png`), "the copy's text repointed");
    expect(await status(`/Club/.attachments.${copyId}/photo.png`)).toBe(200);
    // The original keeps its own.
    expect(await text(owner, "/Archives/PV%202026.md")).toContain(`.attachments.${docId}/photo.png`);
    expect(await status(`/Archives/.attachments.${docId}/photo.png`)).toBe(200);
  });

  it("renames the attachment folder a folder copy brought along, instead of copying it twice", async () => {
    const copied = await files(owner, "COPY", "/Archives", { headers: { Destination: `http://cumulus.test/remote.php/dav/files/${owner[0]}/Archives%202025` } });
    expect(copied.status).toBe(201);
    const copyId = await fileIdOf("/Archives%202025/PV%202026.md");
    await eventually(async () => (await status(`/Archives%202025/.attachments.${copyId}/photo.png`)) === 200, "the copied folder's pictures renamed");
    expect(await status(`/Archives%202025/.attachments.${docId}/photo.png`)).toBe(404);
    await eventually(async () => (await text(owner, "/Archives%202025/PV%202026.md")).includes(`.attachments.${copyId}/`), "the copied text repointed");
  });

  it("repoints only that document's attachment paths", () => {
    expect(repointAttachments("![](.attachments.12/a.png) ![](./.attachments.12/b.png) ![](.attachments.123/c.png) ![](x.attachments.12/d.png)", 12, 40)).toBe(
      "![](.attachments.40/a.png) ![](./.attachments.40/b.png) ![](.attachments.123/c.png) ![](x.attachments.12/d.png)",
    );
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

  it("deletes the pictures for good when the document is deleted for good from the trash", async () => {
    expect((await files(owner, "DELETE", "/Archives/PV%202026.md")).status).toBe(204);
    const trash = `/remote.php/dav/trashbin/${owner[0]}`;
    const listing = async () => (await (await call(`${trash}/trash/`, { method: "PROPFIND", auth: owner, headers: { Depth: "1" } })).text());
    await eventually(async () => (await listing()).includes(`.attachments.${docId}`), "the pictures in the trash");
    const trashName = /\/trash\/(PV%202026\.md\.d\d+)<\/d:href>/.exec(await listing())?.[1];
    expect(trashName).toBeDefined();
    expect((await call(`${trash}/trash/${trashName}`, { method: "DELETE", auth: owner })).status).toBe(204);
    await eventually(async () => !(await listing()).includes(`.attachments.${docId}`), "the pictures gone from the trash");
    expect(await listing()).not.toContain("PV%202026.md");
  });

  it("empties a trash holding a document and its pictures without an error", async () => {
    const id = await upload(owner, "/Club/CR.md", "# CR\n");
    const photoId = await upload(owner, "/photo2.png", PNG);
    expect((await api(owner, "POST", `/api/docs/${id}/attachments`, { fileId: photoId })).status).toBe(201);
    expect((await files(owner, "DELETE", "/Club/CR.md")).status).toBe(204);
    const trash = `/remote.php/dav/trashbin/${owner[0]}`;
    const listing = async () => (await (await call(`${trash}/trash/`, { method: "PROPFIND", auth: owner, headers: { Depth: "1" } })).text());
    await eventually(async () => (await listing()).includes(`.attachments.${id}`), "the pictures in the trash");
    expect((await call(`${trash}/trash/`, { method: "DELETE", auth: owner })).status).toBe(204);
    await eventually(async () => !(await listing()).includes(".attachments."), "an empty trash");
  });
});
