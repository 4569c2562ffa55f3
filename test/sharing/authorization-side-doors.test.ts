import { env } from "cloudflare:workers";
import { and, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { davLocks, fileNodes, shares } from "../../schema/core";
import { randomToken } from "../../workers/accounts/crypto";
import { hashPassword } from "../../workers/accounts/password-hash";
import type { Env } from "../../workers/env";
import { ALL, READ, SHARE, UPDATE, CREATE, DELETE } from "../../workers/sharing/permission-bits";
import { insertShare, LINK_SHARE, USER_SHARE, type Share } from "../../workers/sharing/share-store";
import { systemFileService } from "../../workers/storage/system";
import { childNamed, personalRoot, type FileNode } from "../../workers/storage/tree";
import { basic, call, db, ocs, seedAdmin } from "../support/accounts";
import { ADMIN, enc } from "../support/dav";
import { provisionUser } from "../support/orgs";

/**
 * The doors the authorization table does not walk: other changing methods (MKCOL, COPY, PROPPATCH,
 * LOCK, chunked uploads, versions), the OCS share API used to escalate (a reshare or link asking for
 * more, a recipient editing the share it received), and what a downgrade or a removal cuts.
 */

const FOLDER = "Dossier SD";
const LINK_PASSWORD = "Lien-Portes-2026!";
const ORIGIN = "http://cumulus.test";
const auth = (user: string): [string, string] => [user, ADMIN[1]];
const davOf = (user: string) => (method: string, path: string, init: RequestInit = {}) =>
  call(`/remote.php/dav/files/${user}${path}`, { ...init, method, auth: auth(user) });
const owner = davOf("sd-owner");
const reader = davOf("sd-reader");
const sharer = davOf("sd-sharer");
const writer = davOf("sd-writer");
const folderPath = `/${enc(FOLDER)}`;
const SHARES = "/ocs/v2.php/apps/files_sharing/api/v1/shares";

let folder: FileNode;
let readerShare: Share;
let sharerShare: Share;
let writerShare: Share;
let readLink: string;
let passwordLink: string;

async function writeFile(actorId: string, parent: FileNode, name: string, text: string): Promise<FileNode> {
  const bytes = new TextEncoder().encode(text);
  return (await systemFileService(env as unknown as Env, actorId).write({ parent, name, body: new Response(bytes).body, length: bytes.length })).node;
}
const live = async (parent: FileNode, name: string) => {
  const node = await childNamed(db(), parent.id, name);
  return node && node.trashedAt === null ? node : undefined;
};
const namesIn = async (parent: FileNode) =>
  (
    await db()
      .select({ name: fileNodes.name })
      .from(fileNodes)
      .where(and(eq(fileNodes.parentId, parent.id), isNull(fileNodes.trashedAt)))
  )
    .map((r) => r.name)
    .sort();
const textOf = async (node: FileNode | undefined) => (node?.blobKey ? ((await env.FILES.get(node.blobKey))?.text() ?? null) : null);
const ocsData = async <T>(res: Response) => ((await res.json()) as { ocs: { data: T } }).ocs.data;

beforeAll(async () => {
  await seedAdmin();
  for (const user of ["sd-owner", "sd-reader", "sd-sharer", "sd-writer", "sd-cible", "sd-cible2"]) await provisionUser(ADMIN, user);
  folder = await systemFileService(env as unknown as Env, "sd-owner").createFolder(await personalRoot(db(), "sd-owner"), FOLDER);
  await systemFileService(env as unknown as Env, "sd-owner").createFolder(folder, "sous");
  await writeFile("sd-owner", folder, "a.txt", "contenu a");
  await writeFile("sd-reader", await personalRoot(db(), "sd-reader"), "perso.txt", "perso");
  const share = (shareWith: string, permissions: number) => insertShare(db(), { shareType: USER_SHARE, nodeId: folder.id, initiatorId: "sd-owner", shareWith, permissions });
  readerShare = await share("sd-reader", READ);
  sharerShare = await share("sd-sharer", READ | SHARE);
  writerShare = await share("sd-writer", READ | UPDATE | CREATE | DELETE);
  readLink = randomToken(15);
  passwordLink = randomToken(15);
  await insertShare(db(), { shareType: LINK_SHARE, nodeId: folder.id, initiatorId: "sd-owner", permissions: READ, token: readLink });
  await insertShare(db(), {
    shareType: LINK_SHARE,
    nodeId: folder.id,
    initiatorId: "sd-owner",
    permissions: READ | UPDATE | CREATE | DELETE,
    token: passwordLink,
    passwordHash: await hashPassword(LINK_PASSWORD),
  });
});

describe("a read-only recipient's other changing methods", () => {
  it("refuses MKCOL, COPY in, COPY within, PROPPATCH of the mtime and LOCK, and nothing changes", async () => {
    const before = await namesIn(folder);
    const a = await live(folder, "a.txt");
    expect((await reader("MKCOL", `${folderPath}/nouveau`)).status).toBe(403);
    expect((await reader("COPY", "/perso.txt", { headers: { Destination: `${ORIGIN}/remote.php/dav/files/sd-reader${folderPath}/perso.txt` } })).status).toBe(403);
    expect((await reader("COPY", `${folderPath}/a.txt`, { headers: { Destination: `${ORIGIN}/remote.php/dav/files/sd-reader${folderPath}/sous/a.txt` } })).status).toBe(403);
    const proppatch = await reader("PROPPATCH", `${folderPath}/a.txt`, {
      body: '<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:"><d:set><d:prop><d:lastmodified>Thu, 01 Jan 2015 00:00:00 GMT</d:lastmodified></d:prop></d:set></d:propertyupdate>',
    });
    const proppatchBody = await proppatch.text();
    expect(proppatch.status === 403 || (proppatch.status === 207 && proppatchBody.includes("403")), proppatchBody).toBe(true);
    const lock = await reader("LOCK", `${folderPath}/a.txt`, {
      body: '<?xml version="1.0"?><d:lockinfo xmlns:d="DAV:"><d:lockscope><d:exclusive/></d:lockscope><d:locktype><d:write/></d:locktype></d:lockinfo>',
    });
    expect(lock.status).toBe(403);
    expect(await db().select().from(davLocks).where(eq(davLocks.nodeId, a!.id))).toEqual([]);
    expect(await namesIn(folder)).toEqual(before);
    expect(await live(folder, "a.txt")).toEqual(a);
    expect(await namesIn(await live(folder, "sous").then((n) => n!))).toEqual([]);
  });

  it("refuses a chunked upload's assembly into the read-only share, and nothing appears", async () => {
    const uploads = (path: string, method: string, init: RequestInit = {}) => call(`/remote.php/dav/uploads/sd-reader${path}`, { ...init, method, auth: auth("sd-reader") });
    const target = `${ORIGIN}/remote.php/dav/files/sd-reader${folderPath}/gros.bin`;
    expect((await uploads("/t-ro", "MKCOL", { headers: { Destination: target } })).status).toBeLessThan(300);
    expect((await uploads("/t-ro/1", "PUT", { body: "morceau", headers: { Destination: target } })).status).toBeLessThan(300);
    const res = await uploads("/t-ro/.file", "MOVE", { headers: { Destination: target } });
    expect(res.status).toBe(403);
    expect(await live(folder, "gros.bin")).toBeUndefined();
  });

  it("lists versions but refuses restoring, labelling or deleting one", async () => {
    const a = (await live(folder, "a.txt"))!;
    await writeFile("sd-owner", folder, "a.txt", "contenu a, deuxième");
    const versions = await call(`/remote.php/dav/versions/sd-reader/versions/${a.id}`, { method: "PROPFIND", auth: auth("sd-reader"), headers: { Depth: "1" } });
    const xml = await versions.text();
    expect(versions.status).toBe(207);
    const version = [...xml.matchAll(/<d:href>[^<]*\/versions\/\d+\/([^<]+)<\/d:href>/g)].map((m) => m[1]!)[0];
    expect(version, xml).toBeDefined();
    const href = `/remote.php/dav/versions/sd-reader/versions/${a.id}/${version}`;
    expect((await call(href, { method: "MOVE", auth: auth("sd-reader"), headers: { Destination: `${ORIGIN}/remote.php/dav/versions/sd-reader/restore/target` } })).status).toBe(403);
    expect((await call(href, { method: "DELETE", auth: auth("sd-reader") })).status).toBe(403);
    expect(await textOf(await live(folder, "a.txt"))).toBe("contenu a, deuxième");
  });

  it("does not show the owner's trash to a recipient", async () => {
    await writeFile("sd-owner", folder, "jeté.txt", "à jeter");
    expect((await owner("DELETE", `${folderPath}/${enc("jeté.txt")}`)).status).toBe(204);
    const res = await call("/remote.php/dav/trashbin/sd-reader/trash", { method: "PROPFIND", auth: auth("sd-reader"), headers: { Depth: "1" } });
    expect(res.status).toBe(207);
    expect(await res.text()).not.toContain("jet");
    expect((await call("/remote.php/dav/trashbin/sd-owner/trash", { method: "PROPFIND", auth: auth("sd-reader"), headers: { Depth: "1" } })).status).toBe(403);
  });
});

describe("escalation through the OCS share API", () => {
  it("refuses a reshare or a link asking for more than the resharer holds", async () => {
    const more = await ocs(SHARES, { method: "POST", auth: auth("sd-sharer"), form: { path: `/${FOLDER}`, shareType: "0", shareWith: "sd-cible", permissions: String(ALL) } });
    expect(more.status).toBe(404);
    const upload = await ocs(SHARES, { method: "POST", auth: auth("sd-sharer"), form: { path: `/${FOLDER}`, shareType: "3", publicUpload: "true" } });
    expect(upload.status).toBe(404);
    const drop = await ocs(SHARES, { method: "POST", auth: auth("sd-sharer"), form: { path: `/${FOLDER}`, shareType: "3", permissions: String(CREATE) } });
    expect(drop.status).toBe(404);
    expect(await db().select().from(shares).where(eq(shares.initiatorId, "sd-sharer"))).toEqual([]);
  });

  it("lets a read-only link made by a resharer read, and nothing more", async () => {
    const res = await ocs(SHARES, { method: "POST", auth: auth("sd-sharer"), form: { path: `/${FOLDER}`, shareType: "3" } });
    expect(res.status).toBe(200);
    const { token, id } = await ocsData<{ token: string; id: string }>(res);
    const door = (method: string, path: string, init: RequestInit = {}) => call(`/public.php/dav/files/${token}${path}`, { ...init, method });
    expect((await door("GET", "/a.txt")).status).toBe(200);
    expect((await door("PUT", "/a.txt", { body: "piraté" })).status).toBe(403);
    expect((await door("PUT", "/nouveau.txt", { body: "piraté" })).status).toBe(403);
    // The resharer cannot widen their link afterwards either.
    const widen = await ocs(`${SHARES}/${id}`, { method: "PUT", auth: auth("sd-sharer"), form: { publicUpload: "true" } });
    expect(widen.status).toBe(404);
    expect((await door("PUT", "/nouveau.txt", { body: "piraté" })).status).toBe(403);
    expect(await live(folder, "nouveau.txt")).toBeUndefined();
  });

  it("refuses a recipient editing the share they received, or another recipient's", async () => {
    const mine = await ocs(`${SHARES}/${readerShare.id}`, { method: "PUT", auth: auth("sd-reader"), form: { permissions: String(ALL) } });
    expect(mine.status).toBe(403);
    const theirs = await ocs(`${SHARES}/${writerShare.id}`, { method: "PUT", auth: auth("sd-reader"), form: { permissions: String(READ) } });
    expect(theirs.status).toBe(404);
    const ended = await ocs(`${SHARES}/${writerShare.id}`, { method: "DELETE", auth: auth("sd-reader") });
    expect(ended.status).toBe(404);
    const rows = await db().select().from(shares).where(eq(shares.nodeId, folder.id));
    expect(rows.find((s) => s.id === readerShare.id)?.permissions).toBe(READ);
    expect(rows.find((s) => s.id === writerShare.id)?.permissions).toBe(READ | UPDATE | CREATE | DELETE);
    expect((await reader("PUT", `${folderPath}/a.txt`, { body: "piraté" })).status).toBe(403);
  });

  it("refuses the owner's links to anyone else, by id", async () => {
    const links = await db().select().from(shares).where(and(eq(shares.nodeId, folder.id), eq(shares.shareType, LINK_SHARE), eq(shares.initiatorId, "sd-owner")));
    for (const link of links) {
      for (const who of ["sd-reader", "sd-writer"]) {
        expect((await ocs(`${SHARES}/${link.id}`, { auth: auth(who) })).status, who).toBe(404);
        expect((await ocs(`${SHARES}/${link.id}`, { method: "PUT", auth: auth(who), form: { password: "" } })).status, who).toBe(404);
        expect((await ocs(`${SHARES}/${link.id}`, { method: "DELETE", auth: auth(who) })).status, who).toBe(404);
      }
    }
    expect((await db().select().from(shares).where(eq(shares.token, passwordLink)))[0]?.passwordHash).toBeTruthy();
  });
});

describe("what a downgrade or a removal cuts at once", () => {
  it("caps a reshare at its initiator's rights when the owner lowers them, and ends it with the share", async () => {
    const made = await ocs(SHARES, { method: "POST", auth: auth("sd-writer"), form: { path: `/${FOLDER}`, shareType: "0", shareWith: "sd-cible2", permissions: String(READ) } });
    // sd-writer holds no share bit.
    expect(made.status).toBe(404);
    await db().update(shares).set({ permissions: ALL }).where(eq(shares.id, writerShare.id));
    const reshared = await ocs(SHARES, { method: "POST", auth: auth("sd-writer"), form: { path: `/${FOLDER}`, shareType: "0", shareWith: "sd-cible2" } });
    expect(reshared.status).toBe(200);
    const cible = davOf("sd-cible2");
    expect((await cible("PUT", `${folderPath}/de-cible.txt`, { body: "ok" })).status).toBe(201);
    // The owner lowers sd-writer to read: the reshare follows at once.
    await ocs(`${SHARES}/${writerShare.id}`, { method: "PUT", auth: auth("sd-owner"), form: { permissions: String(READ | SHARE) } });
    expect((await cible("PUT", `${folderPath}/de-cible.txt`, { body: "encore" })).status).toBe(403);
    expect((await cible("GET", `${folderPath}/a.txt`)).status).toBe(200);
    // The owner ends sd-writer's share: the reshare ends with it.
    expect((await ocs(`${SHARES}/${writerShare.id}`, { method: "DELETE", auth: auth("sd-owner") })).status).toBe(200);
    expect((await cible("GET", `${folderPath}/a.txt`)).status).toBe(404);
    expect((await cible("PROPFIND", folderPath, { headers: { Depth: "0" } })).status).toBe(404);
    expect(await textOf(await live(folder, "de-cible.txt"))).toBe("ok");
  });

  it("lets a recipient leave a share without touching the owner's folder", async () => {
    expect((await sharer("DELETE", folderPath)).status).toBe(204);
    expect((await sharer("PROPFIND", folderPath, { headers: { Depth: "0" } })).status).toBe(404);
    expect((await owner("PROPFIND", folderPath, { headers: { Depth: "1" } })).status).toBe(207);
    expect(await live(folder, "a.txt")).toBeDefined();
  });

  it("ends a group share for a member taken out of the group, at once", async () => {
    await ocs("/ocs/v2.php/cloud/groups", { method: "POST", auth: ADMIN, form: { groupid: "sd-groupe" } });
    expect((await ocs("/ocs/v2.php/cloud/users/sd-cible/groups", { method: "POST", auth: ADMIN, form: { groupid: "sd-groupe" } })).status).toBe(200);
    const shared = await ocs(SHARES, { method: "POST", auth: auth("sd-owner"), form: { path: `/${FOLDER}/sous`, shareType: "1", shareWith: "sd-groupe", permissions: "15" } });
    expect(shared.status).toBe(200);
    const member = davOf("sd-cible");
    expect((await member("PUT", "/sous/du-groupe.txt", { body: "ok" })).status).toBe(201);
    expect((await ocs("/ocs/v2.php/cloud/users/sd-cible/groups", { method: "DELETE", auth: ADMIN, form: { groupid: "sd-groupe" } })).status).toBe(200);
    expect((await member("PROPFIND", "/sous", { headers: { Depth: "0" } })).status).toBe(404);
    expect((await member("PUT", "/sous/encore.txt", { body: "non" })).status).toBe(409);
    expect(await namesIn((await live(folder, "sous"))!)).toEqual(["du-groupe.txt"]);
  });

  // Open editor sessions when a share ends or an account is disabled: test/plugins/docs/access-revoked.test.ts.

  it("keeps the legacy public door to its token and password", async () => {
    const legacy = (user: string, password: string) => call("/public.php/webdav/", { method: "PROPFIND", headers: { Depth: "1", Authorization: basic(user, password) } });
    expect((await legacy(readLink, "")).status).toBe(207);
    expect((await legacy(passwordLink, LINK_PASSWORD)).status).toBe(207);
    expect((await legacy(passwordLink, "faux")).status).toBe(401);
    expect((await legacy("sd-owner", ADMIN[1])).status).toBe(404);
    const put = await call("/public.php/webdav/a.txt", { method: "PUT", body: "piraté", headers: { Authorization: basic(readLink, "") } });
    expect(put.status).toBe(403);
  });
});

describe("a recipient's name for a share", () => {
  it("takes only a file name, through the files API as through MOVE", async () => {
    for (const name of ["..", ".", "a/b", "x\u0000y"]) {
      const res = await call(`/api/files/${folder.id}`, { method: "PATCH", auth: auth("sd-reader"), headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name }) });
      expect(res.status, JSON.stringify(name)).toBe(400);
    }
    // "." and ".." in a Destination are resolved away as in any URL; an encoded slash or NUL is not.
    for (const name of ["a%2Fb", "x%00y"]) {
      const moved = await reader("MOVE", folderPath, { headers: { Destination: `${ORIGIN}/remote.php/dav/files/sd-reader/${name}` } });
      expect(moved.status, name).toBe(400);
    }
    expect((await reader("PROPFIND", folderPath, { headers: { Depth: "0" } })).status).toBe(207);
  });
});
