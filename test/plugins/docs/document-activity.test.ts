import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { beforeAll, describe, expect, it } from "vitest";
import { seedAdmin } from "../../support/accounts";
import { ADMIN } from "../../support/dav";
import { provisionUser } from "../../support/orgs";
import { files, mkcol, share, type Auth } from "../../sharing/support";
import { minutesDocx } from "./docx-fixture";
import { api, fileIdOf, openRoom, roomOf, typeInto } from "./support";

interface Activity {
  type: string;
  actorId: string | null;
  fileId: number | null;
  path: string | null;
}

const activityOf = async (user: Auth, fileId: number) =>
  (await (await api(user, "GET", `/api/activity?fileId=${fileId}`)).json<{ activities: Activity[] }>()).activities;

/** Activity comes from the core file service, whichever door the change came through: one entry per change, with its author. */
describe("activity of documents", () => {
  let owner: Auth;
  let lea: Auth;
  beforeAll(async () => {
    await seedAdmin();
    owner = await provisionUser(ADMIN, "act-owner");
    lea = await provisionUser(ADMIN, "act-lea");
    await mkcol(owner, "/CA");
    await share(owner, { path: "/CA", shareType: "0", shareWith: lea[0], permissions: "15" });
  });

  it("records who created a document, once", async () => {
    const res = await files(lea, "PUT", "/CA/Ordre%20du%20jour.md", { body: "# ODJ\n" });
    const id = fileIdOf(res);
    const seen = await activityOf(owner, id);
    expect(seen).toEqual([expect.objectContaining({ type: "file_created", actorId: lea[0], path: "/CA/Ordre du jour.md" })]);
  });

  it("records an imported document as created by the one who imported it", async () => {
    const docx = fileIdOf(await files(owner, "PUT", "/CA/AG.docx", { body: await minutesDocx() }));
    const { file } = await (await api(lea, "POST", "/api/docs/import", { fileId: docx })).json<{ file: { id: number } }>();
    const seen = await activityOf(owner, file.id);
    expect(seen.filter((a) => a.type === "file_created")).toEqual([expect.objectContaining({ actorId: lea[0], path: "/CA/AG.md" })]);
    expect(seen.every((a) => a.actorId === lea[0])).toBe(true);
  });

  it("attributes a write-back to the last person who typed, in the stream and in the versions", async () => {
    const id = fileIdOf(await files(owner, "PUT", "/CA/PV.md", { body: "# PV\n" }));
    const mine = await openRoom(id, owner[0]);
    await typeInto(mine, id, owner[0], "# PV\n\nPremier point.\n");
    const hers = await openRoom(id, lea[0]);
    await typeInto(hers, id, lea[0], "# PV\n\nPremier point.\n\nSecond point.\n");
    // Stored too, so that a room evicted before its alarm still names her.
    expect(await runInDurableObject(roomOf(id), (_room, state) => state.storage.get("lastEditor"))).toBe(lea[0]);
    expect(await runDurableObjectAlarm(roomOf(id))).toBe(true);
    expect(await (await files(owner, "GET", "/CA/PV.md")).text()).toBe("# PV\n\nPremier point.\n\nSecond point.\n");
    const changes = (await activityOf(owner, id)).filter((a) => a.type === "file_changed");
    expect(changes).toEqual([expect.objectContaining({ actorId: lea[0], path: "/CA/PV.md" })]);
    // Lea's text is the version the next save keeps, under her name.
    expect((await files(owner, "PUT", "/CA/PV.md", { body: "# PV\n\nRemplacé.\n" })).status).toBe(204);
    const { versions } = await (await api(owner, "GET", `/api/versions/${id}`)).json<{ versions: { author: string | null; size: number }[] }>();
    expect(versions[0]).toMatchObject({ author: lea[0], size: "# PV\n\nPremier point.\n\nSecond point.\n".length });
    mine.close();
    hers.close();
  });
});
