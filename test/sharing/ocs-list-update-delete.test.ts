import { beforeAll, describe, expect, it } from "vitest";
import { db, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";
import { createSpace, grant } from "../spaces/support";
import { day, files, groupWith, listing, listShares, mkcol, ocsBody, put, share, shareApi, type Auth, type ShareJson } from "./support";

const admin: Auth = ["admin", STRONG_PASSWORD];
let lea: Auth;
let marc: Auth;
let zoe: Auth;

const href = (user: Auth, path: string) => `/remote.php/dav/files/${user[0]}${path}`;
const ids = (list: ShareJson[]) => list.map((s) => s.id);

describe("OCS Share API: listing, changing and ending shares", () => {
  let toLea: ShareJson;
  let toGroup: ShareJson;
  let link: ShareJson;
  let reshare: ShareJson;
  let onFile: ShareJson;

  beforeAll(async () => {
    await seedAdmin();
    lea = await provisionUser(admin, "lea");
    marc = await provisionUser(admin, "marc");
    zoe = await provisionUser(admin, "zoe");
    await groupWith(admin, "bureau", ["lea"]);
    await mkcol(admin, "/Documents");
    await mkcol(admin, "/Documents/PV");
    await put(admin, "/Documents/PV/ag.txt", "ag");
    await put(admin, "/Documents/budget.txt", "1000");
    toLea = await share(admin, { path: "/Documents/PV", shareType: "0", shareWith: "lea" });
    toGroup = await share(admin, { path: "/Documents", shareType: "1", shareWith: "bureau", permissions: "17" });
    link = await share(admin, { path: "/Documents/PV", shareType: "3" });
    onFile = await share(admin, { path: "/Documents/budget.txt", shareType: "0", shareWith: "marc" });
    reshare = await share(lea, { path: "/PV", shareType: "0", shareWith: "marc", permissions: "1" });
  });

  it("lists the asker's own shares by default, and others' shares of their files with reshares=true", async () => {
    const mine = await listShares(admin);
    expect(ids(mine)).toEqual([toLea.id, toGroup.id, link.id, onFile.id]);
    expect(ids(await listShares(admin, "?reshares=true"))).toEqual([toLea.id, toGroup.id, link.id, onFile.id, reshare.id]);
    const leas = await listShares(lea);
    expect(ids(leas)).toEqual([reshare.id]);
    // Paths are in the asker's view: Léa reaches PV through her mount.
    expect(leas[0]).toMatchObject({ path: "/PV", uid_owner: "lea", uid_file_owner: "admin", displayname_file_owner: "admin", can_edit: true });
    expect(mine.find((s) => s.id === reshare.id)).toBeUndefined();
  });

  it("limits to one node with path=, and to a folder's children with subfiles=true", async () => {
    expect(ids(await listShares(admin, "?path=/Documents/PV"))).toEqual([toLea.id, link.id]);
    expect(ids(await listShares(admin, "?path=/Documents/PV&reshares=true"))).toEqual([toLea.id, link.id, reshare.id]);
    expect(ids(await listShares(admin, "?path=/Documents&subfiles=true"))).toEqual([toLea.id, link.id, onFile.id]);
    expect(ids(await listShares(lea, "?path=/PV"))).toEqual([reshare.id]);
    expect((await shareApi(admin, "GET", "/shares?path=/Documents/budget.txt&subfiles=true")).status).toBe(400);
    expect((await shareApi(admin, "GET", "/shares?path=/Nulle/Part")).status).toBe(404);
  });

  it("lists received shares with shared_with_me: user and group shares, in the recipient's terms", async () => {
    const received = await listShares(lea, "?shared_with_me=true");
    expect(ids(received).sort()).toEqual([toLea.id, toGroup.id].sort());
    expect(received.find((s) => s.id === toLea.id)).toMatchObject({ path: "/PV", file_target: "/PV", uid_owner: "admin", can_edit: false, can_delete: true, state: 0 });
    expect(received.find((s) => s.id === toGroup.id)).toMatchObject({ path: "/Documents", file_target: "/Documents", share_with: "bureau" });
    expect(ids(await listShares(lea, "?shared_with_me=true&path=/PV"))).toEqual([toLea.id]);
    expect(ids(await listShares(lea, "?shared_with_me=true&state=all")).sort()).toEqual([toLea.id, toGroup.id].sort());
    expect(await listShares(lea, "?shared_with_me=true&state=1")).toEqual([]);
    expect(await listShares(zoe, "?shared_with_me=true")).toEqual([]);
  });

  it("reads one share (a list of one) for those concerned, 404 for anyone else", async () => {
    const res = await shareApi(lea, "GET", `/shares/${toLea.id}`);
    expect((await ocsBody<ShareJson[]>(res)).ocs.data).toMatchObject([{ id: toLea.id, path: "/PV" }]);
    expect((await shareApi(admin, "GET", `/shares/${reshare.id}`)).status).toBe(200);
    expect((await shareApi(zoe, "GET", `/shares/${toLea.id}`)).status).toBe(404);
    expect((await shareApi(zoe, "GET", "/shares/abc")).status).toBe(404);
  });

  it("updates permissions, and the recipient's letters follow", async () => {
    const res = await shareApi(admin, "PUT", `/shares/${toLea.id}`, { permissions: "1" });
    expect(res.status).toBe(200);
    expect((await ocsBody<ShareJson>(res)).ocs.data.permissions).toBe(1);
    expect((await listing(lea)).get(href(lea, "/PV/"))!.permissions).not.toMatch(/[CK]/);
    expect((await files(lea, "PUT", "/PV/nouveau.txt", { body: "x" })).status).toBe(403);
    await shareApi(admin, "PUT", `/shares/${toLea.id}`, { permissions: "31" });
    expect((await listing(lea)).get(href(lea, "/PV/"))!.permissions).toContain("CK");
    // The reshare now reaches at most what Léa holds.
    const more = await shareApi(lea, "PUT", `/shares/${reshare.id}`, { permissions: "31" });
    expect((await ocsBody<ShareJson>(more)).ocs.data.permissions).toBe(31);
  });

  it("caps an update at the share initiator's rights", async () => {
    const narrowed = await share(admin, { path: "/Documents/budget.txt", shareType: "1", shareWith: "bureau", permissions: "17" });
    expect(narrowed.permissions).toBe(17);
    await mkcol(admin, "/Etroit");
    const limited = await share(admin, { path: "/Etroit", shareType: "0", shareWith: "lea", permissions: "17" });
    const down = await share(lea, { path: "/Etroit", shareType: "0", shareWith: "zoe" });
    const refused = await shareApi(lea, "PUT", `/shares/${down.id}`, { permissions: "31" });
    expect(refused.status).toBe(404);
    expect((await ocsBody(refused)).ocs.meta.message).toContain("Cannot increase permissions");
    // The owner may edit a reshare of his folder, but not beyond what its initiator holds.
    expect((await shareApi(admin, "PUT", `/shares/${down.id}`, { permissions: "31" })).status).toBe(404);
    expect((await shareApi(admin, "PUT", `/shares/${down.id}`, { note: "Vu" })).status).toBe(200);
    expect(limited.permissions).toBe(17);
  });

  it("updates a link's password, expiry, note, label, download and upload", async () => {
    const target = `/shares/${link.id}`;
    let data = (await ocsBody<ShareJson>(await shareApi(admin, "PUT", target, { password: "Mot-De-Passe-Lien-9" }))).ocs.data;
    expect(data.password).toBeTruthy();
    data = (await ocsBody<ShareJson>(await shareApi(admin, "PUT", target, { password: "" }))).ocs.data;
    expect(data.password).toBeNull();
    data = (await ocsBody<ShareJson>(await shareApi(admin, "PUT", target, { expireDate: day(3) }))).ocs.data;
    expect(data.expiration).toBe(`${day(3)} 00:00:00`);
    data = (await ocsBody<ShareJson>(await shareApi(admin, "PUT", target, { expireDate: "" }))).ocs.data;
    expect(data.expiration).toBeNull();
    expect((await shareApi(admin, "PUT", target, { expireDate: day(-2) })).status).toBe(400);
    data = (await ocsBody<ShareJson>(await shareApi(admin, "PUT", target, { note: "Merci", label: "Famille" }))).ocs.data;
    expect(data).toMatchObject({ note: "Merci", label: "Famille" });
    data = (await ocsBody<ShareJson>(await shareApi(admin, "PUT", target, { hideDownload: "true" }))).ocs.data;
    expect(data.hide_download).toBe(1);
    data = (await ocsBody<ShareJson>(await shareApi(admin, "PUT", target, { attributes: JSON.stringify([{ scope: "permissions", key: "download", value: true }]) }))).ocs.data;
    expect(data.hide_download).toBe(0);
    data = (await ocsBody<ShareJson>(await shareApi(admin, "PUT", target, { publicUpload: "true" }))).ocs.data;
    expect(data.permissions).toBe(15);
    data = (await ocsBody<ShareJson>(await shareApi(admin, "PUT", target, { permissions: "1" }))).ocs.data;
    expect(data.permissions).toBe(1);
    expect(data.token).toBe(link.token);
  });

  it("refuses an empty update, a password on a user share, and edits by recipients or strangers", async () => {
    expect((await shareApi(admin, "PUT", `/shares/${toLea.id}`, {})).status).toBe(400);
    expect((await shareApi(admin, "PUT", `/shares/${toLea.id}`, { password: "Mot-De-Passe-Lien-9" })).status).toBe(400);
    const byRecipient = await shareApi(lea, "PUT", `/shares/${toLea.id}`, { permissions: "31" });
    expect(byRecipient.status).toBe(403);
    expect((await shareApi(zoe, "PUT", `/shares/${toLea.id}`, { permissions: "1" })).status).toBe(404);
    expect((await shareApi(admin, "PUT", `/shares/${toLea.id}`, { permissions: "64" })).status).toBe(400);
  });

  it("lets the initiator or the owner end a share, and nobody else", async () => {
    const extra = await share(lea, { path: "/PV", shareType: "3" });
    expect((await shareApi(zoe, "DELETE", `/shares/${extra.id}`)).status).toBe(404);
    expect((await shareApi(admin, "DELETE", `/shares/${extra.id}`)).status).toBe(200);
    expect((await shareApi(lea, "GET", `/shares/${extra.id}`)).status).toBe(404);
    const again = await share(lea, { path: "/PV", shareType: "3" });
    expect((await shareApi(lea, "DELETE", `/shares/${again.id}`, undefined, 1)).status).toBe(200);
    expect(ids(await listShares(lea))).not.toContain(again.id);
  });

  it("lets a space manager share the space's content and manage others' shares there; a writer may not share", async () => {
    const space = await createSpace(admin, { name: "Bureau Virtuel" });
    const chef = await provisionUser(admin, "chef");
    const adjoint = await provisionUser(admin, "adjoint");
    const redac = await provisionUser(admin, "redac");
    await grant(admin, space.id, "user", "chef", "manage");
    await grant(admin, space.id, "user", "adjoint", "manage");
    await grant(admin, space.id, "user", "redac", "write");
    await mkcol(chef, "/Bureau%20Virtuel/Comptes");
    const created = await share(chef, { path: "/Bureau Virtuel/Comptes", shareType: "0", shareWith: "zoe" });
    expect(created).toMatchObject({ path: "/Bureau Virtuel/Comptes", uid_owner: "chef", permissions: 31 });
    expect(created.uid_file_owner).not.toBe("chef");
    expect((await files(zoe, "PROPFIND", "/Comptes/", { headers: { Depth: "0" } })).status).toBe(207);
    expect((await shareApi(redac, "POST", "/shares", { path: "/Bureau Virtuel/Comptes", shareType: "3" })).status).toBe(404);
    const holder = (await db().query.spaces.findFirst({ where: (sp, { eq }) => eq(sp.id, space.id) }))!.holderId;
    expect((await shareApi(chef, "POST", "/shares", { path: "/Bureau Virtuel/Comptes", shareType: "0", shareWith: holder })).status).toBe(404);
    expect((await shareApi(redac, "PUT", `/shares/${created.id}`, { permissions: "1" })).status).toBe(404);
    expect(ids(await listShares(adjoint, "?reshares=true"))).toContain(created.id);
    expect((await shareApi(adjoint, "PUT", `/shares/${created.id}`, { permissions: "1" })).status).toBe(200);
    expect((await shareApi(adjoint, "DELETE", `/shares/${created.id}`)).status).toBe(200);
    expect((await files(zoe, "PROPFIND", "/Comptes/", { headers: { Depth: "0" } })).status).toBe(404);
  });

  it("finds sharees: persons and groups, exact matches apart, never the asker or a space's holder account", async () => {
    await groupWith(admin, "marins", []);
    const res = await shareApi(lea, "GET", "/sharees?search=ma&itemType=folder&perPage=20");
    const data = (await ocsBody<{ exact: { users: unknown[]; groups: unknown[]; emails: unknown[] }; users: { label: string; value: { shareType: number; shareWith: string } }[]; groups: { value: { shareWith: string } }[] }>(res)).ocs.data;
    expect(data.users.map((u) => u.value)).toEqual([{ shareType: 0, shareWith: "marc" }]);
    expect(data.groups.map((g) => g.value.shareWith)).toContain("marins");
    const exact = (await ocsBody<{ exact: { users: { value: { shareWith: string } }[] }; users: unknown[] }>(await shareApi(lea, "GET", "/sharees?search=marc"))).ocs.data;
    expect(exact.exact.users.map((u) => u.value.shareWith)).toEqual(["marc"]);
    expect(exact.users).toEqual([]);
    const self = (await ocsBody<{ users: unknown[]; exact: { users: unknown[] } }>(await shareApi(lea, "GET", "/sharees?search=lea"))).ocs.data;
    expect([...self.users, ...self.exact.users]).toEqual([]);
    const space = (await ocsBody<{ users: unknown[]; exact: { users: unknown[] } }>(await shareApi(lea, "GET", "/sharees?search=Bureau%20Virtuel"))).ocs.data;
    expect([...space.users, ...space.exact.users]).toEqual([]);
    const mail = (await ocsBody<{ exact: { emails: { value: { shareType: number; shareWith: string } }[] } }>(await shareApi(lea, "GET", "/sharees?search=famille@example.org"))).ocs.data;
    expect(mail.exact.emails.map((e) => e.value)).toEqual([{ shareType: 4, shareWith: "famille@example.org" }]);
    const usersOnly = (await ocsBody<{ groups: unknown[] }>(await shareApi(lea, "GET", "/sharees?search=ma&shareType[]=0"))).ocs.data;
    expect(usersOnly.groups).toEqual([]);
  });
});
