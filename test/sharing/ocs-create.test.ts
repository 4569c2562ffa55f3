import { beforeAll, describe, expect, it } from "vitest";
import { call, ocs, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";
import { day, fileId, groupWith, mkcol, ocsBody, put, share, shareApi, type Auth, type ShareJson } from "./support";

const admin: Auth = ["admin", STRONG_PASSWORD];
let lea: Auth;
let marc: Auth;


describe("OCS Share API: creating shares", () => {
  beforeAll(async () => {
    await seedAdmin();
    lea = await provisionUser(admin, "lea");
    marc = await provisionUser(admin, "marc");
    await provisionUser(admin, "paul");
    await ocs("/ocs/v2.php/cloud/users/paul/disable", { method: "PUT", auth: admin });
    await groupWith(admin, "plongee", ["lea", "marc"]);
    await mkcol(admin, "/Documents");
    await mkcol(admin, "/Documents/PV");
    await put(admin, "/Documents/PV/ag.txt", "assemblée générale");
    await put(admin, "/Documents/budget.txt", "1000");
  });

  it("shares a folder with a user: 31 by default, with Nextcloud's fields", async () => {
    const created = await share(admin, { path: "/Documents/PV", shareType: "0", shareWith: "lea" });
    expect(created).toMatchObject({
      share_type: 0,
      uid_owner: "admin",
      displayname_owner: "admin",
      uid_file_owner: "admin",
      displayname_file_owner: "admin",
      permissions: 31,
      can_edit: true,
      can_delete: true,
      expiration: null,
      token: null,
      note: "",
      label: "",
      path: "/Documents/PV",
      item_type: "folder",
      mimetype: "httpd/unix-directory",
      item_source: await fileId(admin, "/Documents/PV"),
      file_source: await fileId(admin, "/Documents/PV"),
      file_parent: await fileId(admin, "/Documents"),
      file_target: "/PV",
      share_with: "lea",
      share_with_displayname: "lea",
      hide_download: 0,
      password: null,
      attributes: null,
      state: 0,
      mail_send: 0,
      storage_id: "home::admin",
    });
    expect(created.id).toMatch(/^\d+$/);
    expect(typeof created.stime).toBe("number");
    expect(created).not.toHaveProperty("url");
  });

  it("gives a file 19 by default and drops create and delete when asked for 31", async () => {
    const byDefault = await share(admin, { path: "/Documents/budget.txt", shareType: "0", shareWith: "marc" });
    expect(byDefault).toMatchObject({ permissions: 19, item_type: "file", mimetype: "text/plain", file_target: "/budget.txt" });
    await put(admin, "/notes.txt", "x");
    const asked = await share(admin, { path: "/notes.txt", shareType: "0", shareWith: "marc", permissions: "31" });
    expect(asked.permissions).toBe(19);
    const readOnly = await share(admin, { path: "/notes.txt", shareType: "1", shareWith: "plongee", permissions: "0" });
    expect(readOnly.permissions).toBe(1);
  });

  it("shares with a group", async () => {
    await mkcol(admin, "/Club");
    const created = await share(admin, { path: "/Club", shareType: "1", shareWith: "plongee", permissions: "5" });
    expect(created).toMatchObject({ share_type: 1, share_with: "plongee", share_with_displayname: "plongee", permissions: 5 });
  });

  it("makes links: a 15-character token, the /s/ URL, read by default, several per item", async () => {
    const first = await share(admin, { path: "/Documents", shareType: "3" });
    const second = await share(admin, { path: "/Documents", shareType: "3", label: "Pour le bureau", note: "À lire" });
    expect(first.token).toMatch(/^[A-Za-z0-9]{15}$/);
    expect(second.token).not.toBe(first.token);
    expect(first).toMatchObject({ share_type: 3, permissions: 1, share_with: null, url: `http://cumulus.test/s/${first.token}`, password: null });
    expect(second).toMatchObject({ label: "Pour le bureau", note: "À lire" });
  });

  it("makes upload links (15) and file drops (4) on folders only", async () => {
    expect((await share(admin, { path: "/Documents", shareType: "3", publicUpload: "true" })).permissions).toBe(15);
    expect((await share(admin, { path: "/Documents", shareType: "3", permissions: "4" })).permissions).toBe(4);
    const onFile = await shareApi(admin, "POST", "/shares", { path: "/Documents/budget.txt", shareType: "3", publicUpload: "true" });
    expect(onFile.status).toBe(400);
    const dropOnFile = await shareApi(admin, "POST", "/shares", { path: "/Documents/budget.txt", shareType: "3", permissions: "4" });
    expect(dropOnFile.status).toBe(400);
    expect((await share(admin, { path: "/Documents/budget.txt", shareType: "3", permissions: "3" })).permissions).toBe(3);
  });

  it("protects a link with a password it never sends back", async () => {
    const res = await shareApi(admin, "POST", "/shares", { path: "/Documents/PV", shareType: "3", password: "Secret-Lien-2026!" });
    expect(res.status).toBe(200);
    const text = await res.clone().text();
    expect(text).not.toContain("pbkdf2");
    expect(text).not.toContain("Secret-Lien");
    const created = (await ocsBody<ShareJson>(res)).ocs.data;
    expect(created.password).toBeTruthy();
    expect(typeof created.share_with).toBe("string");
    const weak = await shareApi(admin, "POST", "/shares", { path: "/Documents/PV", shareType: "3", password: "abc" });
    expect(weak.status).toBe(400);
  });

  it("sets an expiry date through the chosen day, and refuses a past or malformed one", async () => {
    const tomorrow = day(1);
    const created = await share(admin, { path: "/Documents/PV", shareType: "3", expireDate: tomorrow });
    expect(created.expiration).toBe(`${tomorrow} 00:00:00`);
    const today = await share(admin, { path: "/Documents/PV", shareType: "3", expireDate: day(0) });
    expect(today.expiration).toBe(`${day(0)} 00:00:00`);
    for (const expireDate of [day(-1), "2026-02-31", "demain"]) {
      const res = await shareApi(admin, "POST", "/shares", { path: "/Documents/PV", shareType: "3", expireDate });
      expect(res.status, expireDate).toBe(400);
    }
  });

  it("takes attributes: download false hides the download", async () => {
    const attributes = JSON.stringify([{ scope: "permissions", key: "download", value: false }]);
    const created = await share(admin, { path: "/Documents/budget.txt", shareType: "3", attributes });
    expect(created.hide_download).toBe(1);
    expect(JSON.parse(created.attributes!)).toEqual([{ scope: "permissions", key: "download", value: false }]);
    expect((await share(admin, { path: "/Documents/budget.txt", shareType: "3", hideDownload: "true" })).hide_download).toBe(1);
    const broken = await shareApi(admin, "POST", "/shares", { path: "/Documents/budget.txt", shareType: "3", attributes: "{nope" });
    expect(broken.status).toBe(400);
    const longLabel = await shareApi(admin, "POST", "/shares", { path: "/Documents/budget.txt", shareType: "3", label: "x".repeat(256) });
    expect(longLabel.status).toBe(400);
  });

  it("records an e-mail share as a link for the address, with the e-mail to send in the activity", async () => {
    const created = await share(admin, { path: "/Documents/PV", shareType: "4", shareWith: "Famille.Martin@example.org" });
    expect(created).toMatchObject({ share_type: 4, share_with: "famille.martin@example.org", permissions: 1 });
    expect(created.token).toMatch(/^[A-Za-z0-9]{15}$/);
    expect(created.url).toBe(`http://cumulus.test/s/${created.token}`);
    const stream = await call("/api/activity", { auth: admin });
    const { activities } = await stream.json<{ activities: { type: string; details: Record<string, unknown> | null }[] }>();
    expect(activities.find((a) => a.type === "shared" && a.details?.shareType === 4)?.details).toMatchObject({ mailTo: "famille.martin@example.org", token: created.token });
    const bad = await shareApi(admin, "POST", "/shares", { path: "/Documents/PV", shareType: "4", shareWith: "pas-une-adresse" });
    expect(bad.status).toBe(400);
  });

  it("records 'shared' for the owner and the recipient", async () => {
    await mkcol(admin, "/Sorties");
    await share(admin, { path: "/Sorties", shareType: "0", shareWith: "lea" });
    for (const [user, path] of [
      [admin, "/Sorties"],
      [lea, "/Sorties"],
    ] as const) {
      const { activities } = await (await call("/api/activity", { auth: user })).json<{ activities: { type: string; path: string }[] }>();
      expect(activities.some((a) => a.type === "shared" && a.path === path), user[0]).toBe(true);
    }
  });

  it("refuses oneself, unknown or disabled users, unknown groups, bad types, twice the same", async () => {
    const cases: [Record<string, string>, number][] = [
      [{ path: "/Documents/PV", shareType: "0", shareWith: "admin" }, 403],
      [{ path: "/Documents/PV", shareType: "0", shareWith: "personne" }, 404],
      [{ path: "/Documents/PV", shareType: "0", shareWith: "paul" }, 404],
      [{ path: "/Documents/PV", shareType: "0" }, 404],
      [{ path: "/Documents/PV", shareType: "1", shareWith: "inconnus" }, 404],
      [{ path: "/Documents/PV", shareType: "6", shareWith: "x@autre.example" }, 400],
      [{ path: "/Documents/PV", shareType: "0", shareWith: "lea" }, 403],
      [{ path: "/Documents/Rien", shareType: "0", shareWith: "lea" }, 404],
      [{ path: "/", shareType: "3" }, 403],
      [{ shareType: "3" }, 400],
    ];
    for (const [form, status] of cases) {
      const res = await shareApi(admin, "POST", "/shares", form);
      expect(res.status, JSON.stringify(form)).toBe(status);
      expect((await ocsBody(res)).ocs.meta.message).not.toBe("");
    }
  });

  it("answers 404 for a path outside the asker's view (others' files)", async () => {
    const res = await shareApi(marc, "POST", "/shares", { path: "/Documents/PV", shareType: "3" });
    expect(res.status).toBe(404);
  });

  it("caps a reshare at the resharer's rights and refuses more", async () => {
    await mkcol(admin, "/Lecture");
    await share(admin, { path: "/Lecture", shareType: "0", shareWith: "lea", permissions: "17" });
    const capped = await share(lea, { path: "/Lecture", shareType: "0", shareWith: "marc" });
    expect(capped).toMatchObject({ permissions: 17, uid_owner: "lea", uid_file_owner: "admin", path: "/Lecture" });
    const more = await shareApi(lea, "POST", "/shares", { path: "/Lecture", shareType: "1", shareWith: "plongee", permissions: "31" });
    expect(more.status).toBe(404);
    expect((await ocsBody(more)).ocs.meta.message).toContain("Cannot increase permissions");
    const upload = await shareApi(lea, "POST", "/shares", { path: "/Lecture", shareType: "3", publicUpload: "true" });
    expect(upload.status).toBe(404);
    expect((await share(lea, { path: "/Lecture", shareType: "3" })).permissions).toBe(1);
  });

  it("refuses a reshare without the share permission", async () => {
    await mkcol(admin, "/Prive");
    await share(admin, { path: "/Prive", shareType: "0", shareWith: "marc", permissions: "15" });
    const res = await shareApi(marc, "POST", "/shares", { path: "/Prive", shareType: "0", shareWith: "lea" });
    expect(res.status).toBe(404);
    expect((await ocsBody(res)).ocs.meta.message).toContain("not allowed to share");
    const back = await shareApi(lea, "POST", "/shares", { path: "/Lecture", shareType: "0", shareWith: "admin" });
    expect(back.status).toBe(403);
  });

  it("keeps HTTP 200 and statuscode 100 on v1, and the real status on v2; XML unless JSON is asked", async () => {
    const ok = await shareApi(admin, "POST", "/shares", { path: "/Documents", shareType: "3" }, 1);
    expect(ok.status).toBe(200);
    expect((await ocsBody(ok)).ocs.meta.statuscode).toBe(100);
    const missing = await shareApi(admin, "POST", "/shares", { path: "/Nulle/Part", shareType: "3" }, 1);
    expect(missing.status).toBe(200);
    expect((await ocsBody(missing)).ocs.meta.statuscode).toBe(404);
    const v2 = await shareApi(admin, "GET", "/shares/999999");
    expect(v2.status).toBe(404);
    const xml = await call("/ocs/v2.php/apps/files_sharing/api/v1/shares", { auth: admin, headers: { "OCS-APIREQUEST": "true" } });
    expect(xml.headers.get("Content-Type")).toContain("application/xml");
    expect(await xml.text()).toContain("<share_type>0</share_type>");
  });

  it("advertises sharing in the capabilities", async () => {
    const res = await ocs("/ocs/v2.php/cloud/capabilities", { auth: admin });
    const { capabilities } = (await ocsBody<{ capabilities: Record<string, unknown> }>(res)).ocs.data;
    expect(capabilities.files_sharing).toMatchObject({
      api_enabled: true,
      public: { enabled: true, password: { enforced: false }, expire_date: { enabled: false }, multiple_links: true, upload: true, upload_files_drop: true, send_mail: false },
      resharing: true,
      group_sharing: true,
      default_permissions: 31,
      user: { send_mail: false },
      federation: { outgoing: false, incoming: false },
    });
  });
});
