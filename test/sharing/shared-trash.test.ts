import { beforeAll, describe, expect, it } from "vitest";
import { call, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";
import { files, mkcol, put, share, type Auth } from "./support";

const admin: Auth = ["admin", STRONG_PASSWORD];

interface TrashItemJson {
  id: number;
  name: string;
  originalPath: string;
  deletedBy: string | null;
}

async function restTrash(user: Auth): Promise<TrashItemJson[]> {
  const res = await call("/api/trash", { auth: user });
  expect(res.status).toBe(200);
  return (await res.json<{ items: TrashItemJson[] }>()).items;
}

async function davTrash(user: Auth): Promise<string> {
  const res = await call(`/remote.php/dav/trashbin/${user[0]}/trash/`, {
    method: "PROPFIND",
    auth: user,
    headers: { Depth: "1" },
    body: '<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:nc="http://nextcloud.org/ns"><d:prop><nc:trashbin-original-location/><nc:trashbin-deleted-by-id/></d:prop></d:propfind>',
  });
  expect(res.status).toBe(207);
  return res.text();
}

describe("deleting inside a folder someone shared with delete rights", () => {
  let owner: Auth;
  let recipient: Auth;
  let reader: Auth;

  beforeAll(async () => {
    await seedAdmin();
    owner = await provisionUser(admin, "sht-tresoriere");
    recipient = await provisionUser(admin, "sht-secretaire");
    reader = await provisionUser(admin, "sht-adherent");
    await mkcol(owner, "/Comptes");
    await put(owner, "/Comptes/bilan.ods", "bilan 2024");
    await put(owner, "/Comptes/budget.ods", "budget 2025");
    await share(owner, { path: "/Comptes", shareType: "0", shareWith: recipient[0], permissions: "15" });
    await share(owner, { path: "/Comptes", shareType: "0", shareWith: reader[0], permissions: "1" });
    // The owner's own deletions, which no recipient may see.
    await put(owner, "/lettre-personnelle.txt", "privé");
    expect((await files(owner, "DELETE", "/lettre-personnelle.txt")).status).toBe(204);
    expect((await files(recipient, "DELETE", "/Comptes/bilan.ods")).status).toBe(204);
  });

  it("files the item in the owner's trash, at the owner's path, as Nextcloud does", async () => {
    const item = (await restTrash(owner)).find((i) => i.name === "bilan.ods");
    expect(item).toMatchObject({ originalPath: "Comptes/bilan.ods", deletedBy: recipient[0] });
    const xml = await davTrash(owner);
    expect(xml).toContain("<nc:trashbin-original-location>Comptes/bilan.ods</nc:trashbin-original-location>");
    expect(xml).toContain(`<nc:trashbin-deleted-by-id>${recipient[0]}</nc:trashbin-deleted-by-id>`);
  });

  it("shows the recipients none of the owner's trash", async () => {
    for (const user of [recipient, reader]) {
      expect(await restTrash(user)).toEqual([]);
      const xml = await davTrash(user);
      expect(xml).not.toContain("bilan.ods");
      expect(xml).not.toContain("lettre-personnelle.txt");
    }
    const ids = (await restTrash(owner)).map((i) => i.id);
    for (const id of ids) {
      expect((await call(`/api/trash/${id}/restore`, { method: "POST", auth: recipient })).status).toBe(404);
      expect((await call(`/api/trash/${id}`, { method: "DELETE", auth: recipient })).status).toBe(404);
    }
    expect((await call(`/remote.php/dav/trashbin/${owner[0]}/trash/`, { method: "PROPFIND", auth: recipient, headers: { Depth: "1" } })).status).toBe(403);
  });

  it("does not let a read-only recipient delete at all", async () => {
    expect((await files(reader, "DELETE", "/Comptes/budget.ods")).status).toBe(403);
    expect((await restTrash(owner)).some((i) => i.name === "budget.ods")).toBe(false);
  });

  it("lets the owner restore it where it was, back in the recipients' view", async () => {
    const item = (await restTrash(owner)).find((i) => i.name === "bilan.ods")!;
    expect((await call(`/api/trash/${item.id}/restore`, { method: "POST", auth: owner })).status).toBe(200);
    expect(await (await files(recipient, "GET", "/Comptes/bilan.ods")).text()).toBe("bilan 2024");
    expect(await (await files(owner, "GET", "/Comptes/bilan.ods")).text()).toBe("bilan 2024");
  });

  it("keeps emptying the trash to one's own: the recipient's empty leaves the owner's trash alone", async () => {
    expect((await files(recipient, "DELETE", "/Comptes/budget.ods")).status).toBe(204);
    expect((await call("/api/trash", { method: "DELETE", auth: recipient })).status).toBe(204);
    expect((await call(`/remote.php/dav/trashbin/${recipient[0]}/trash`, { method: "DELETE", auth: recipient })).status).toBe(204);
    const names = (await restTrash(owner)).map((i) => i.name);
    expect(names).toContain("budget.ods");
    expect(names).toContain("lettre-personnelle.txt");
  });
});
