import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { plugins } from "../../plugins";
import { createApp } from "../../workers/app";
import { basic, ocs, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";
import { files, groupWith, listing, listShares, mkcol, ocsBody, share, shareApi, type Auth, type ShareJson } from "./support";

const admin: Auth = ["admin", STRONG_PASSWORD];
let lea: Auth;
let nina: Auth;
let marc: Auth;

// The same Worker, with SHARE_AUTO_ACCEPT=false: new user and group shares wait for acceptance.
const app = createApp(plugins);
const manual = { ...env, SHARE_AUTO_ACCEPT: "false" };

async function sharePending(auth: Auth, form: Record<string, string>): Promise<ShareJson> {
  const res = await app.request(
    "/ocs/v2.php/apps/files_sharing/api/v1/shares",
    { method: "POST", headers: { Authorization: basic(...auth), "OCS-APIREQUEST": "true", Accept: "application/json" }, body: new URLSearchParams(form) },
    manual,
  );
  if (res.status !== 200) throw new Error(`${res.status} ${await res.text()}`);
  return (await ocsBody<ShareJson>(res)).ocs.data;
}

const href = (user: Auth, path: string) => `/remote.php/dav/files/${user[0]}${path}`;
const mounted = async (user: Auth, name: string) => (await listing(user)).has(href(user, `/${name}/`));
const pending = async (user: Auth) => (await ocsBody<ShareJson[]>(await shareApi(user, "GET", "/shares/pending"))).ocs.data;
const deleted = async (user: Auth) => (await ocsBody<ShareJson[]>(await shareApi(user, "GET", "/deletedshares"))).ocs.data;

describe("pending shares (SHARE_AUTO_ACCEPT=false) and deleted shares", () => {
  beforeAll(async () => {
    await seedAdmin();
    lea = await provisionUser(admin, "lea");
    nina = await provisionUser(admin, "nina");
    marc = await provisionUser(admin, "marc");
    await groupWith(admin, "bureau", ["lea", "nina"]);
  });

  it("keeps a new user share pending, out of the recipient's files, until accepted", async () => {
    await mkcol(admin, "/Attente");
    const created = await sharePending(admin, { path: "/Attente", shareType: "0", shareWith: "lea" });
    expect(await mounted(lea, "Attente")).toBe(false);
    expect((await files(lea, "PROPFIND", "/Attente/", { headers: { Depth: "0" } })).status).toBe(404);
    const waiting = await pending(lea);
    expect(waiting.map((s) => s.id)).toEqual([created.id]);
    expect(waiting[0]).toMatchObject({ state: 1, path: "/Attente", file_target: "/Attente", uid_owner: "admin" });
    expect((await listShares(lea, "?shared_with_me=true")).map((s) => s.id)).not.toContain(created.id);
    expect((await listShares(lea, "?shared_with_me=true&state=1")).map((s) => s.id)).toEqual([created.id]);
    expect((await listShares(lea, "?shared_with_me=true&state=all")).map((s) => s.id)).toContain(created.id);
    // The owner sees it as any other share.
    expect((await listShares(admin)).find((s) => s.id === created.id)).toMatchObject({ state: 0, share_with: "lea" });

    expect((await shareApi(marc, "POST", `/shares/pending/${created.id}`)).status).toBe(404);
    const accepted = await shareApi(lea, "POST", `/shares/pending/${created.id}`);
    expect(accepted.status).toBe(200);
    expect(await mounted(lea, "Attente")).toBe(true);
    expect(await pending(lea)).toEqual([]);
  });

  it("declines a pending share into the deleted shares, from where it can be restored", async () => {
    await mkcol(admin, "/Refus");
    const created = await sharePending(admin, { path: "/Refus", shareType: "0", shareWith: "lea" });
    expect((await shareApi(lea, "DELETE", `/shares/pending/${created.id}`)).status).toBe(200);
    expect(await pending(lea)).toEqual([]);
    expect(await mounted(lea, "Refus")).toBe(false);
    const removed = await deleted(lea);
    expect(removed.find((s) => s.id === `ocinternal:${created.id}`)).toMatchObject({ state: 2, path: "/Refus" });
    expect((await shareApi(lea, "POST", `/deletedshares/ocinternal:${created.id}`, undefined, 1)).status).toBe(200);
    expect(await mounted(lea, "Refus")).toBe(true);
    expect(await deleted(lea)).toEqual([]);
  });

  it("makes a group share pending for each member on their own; later members get it at once", async () => {
    await mkcol(admin, "/Equipe");
    const created = await sharePending(admin, { path: "/Equipe", shareType: "1", shareWith: "bureau" });
    expect((await pending(lea)).map((s) => s.id)).toEqual([created.id]);
    expect((await pending(nina)).map((s) => s.id)).toEqual([created.id]);
    await shareApi(nina, "POST", `/shares/pending/${created.id}`);
    expect(await mounted(nina, "Equipe")).toBe(true);
    expect(await mounted(lea, "Equipe")).toBe(false);
    await ocs("/ocs/v2.php/cloud/users/marc/groups", { method: "POST", auth: admin, form: { groupid: "bureau" } });
    expect(await mounted(marc, "Equipe")).toBe(true);
  });

  it("leaves links alone, and shares made with auto-accept are mounted at once", async () => {
    await mkcol(admin, "/Direct");
    const link = await sharePending(admin, { path: "/Direct", shareType: "3" });
    expect(link.token).toBeTruthy();
    await share(admin, { path: "/Direct", shareType: "0", shareWith: "nina" });
    expect(await mounted(nina, "Direct")).toBe(true);
    expect((await pending(nina)).some((s) => s.path === "/Direct")).toBe(false);
  });

  it("refuses to restore what is not in the asker's deleted shares", async () => {
    await mkcol(admin, "/Actif");
    const created = await share(admin, { path: "/Actif", shareType: "0", shareWith: "lea" });
    expect((await shareApi(lea, "POST", `/deletedshares/${created.id}`)).status).toBe(404);
    expect((await shareApi(marc, "POST", `/deletedshares/${created.id}`)).status).toBe(404);
    expect((await shareApi(lea, "POST", "/deletedshares/nope")).status).toBe(404);
  });
});
