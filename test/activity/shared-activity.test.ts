import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { activities, spaces } from "../../schema/core";
import { explainAccess } from "../../workers/sharing/explain";
import { audienceOf } from "../../workers/sharing/audience";
import { SpaceService } from "../../workers/spaces/service";
import { liveNodeById } from "../../workers/storage/live-node";
import { call, db, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";
import { fileId, files, groupWith, mkcol, put, share, shareApi, type Auth } from "../sharing/support";
import { createSpace, grant } from "../spaces/support";
import { env } from "cloudflare:workers";

const admin: Auth = ["admin", STRONG_PASSWORD];

interface Activity {
  id: number;
  type: string;
  path: string;
  actorId: string | null;
  fileId: number;
  details: Record<string, unknown> | null;
}

async function stream(user: Auth, query = ""): Promise<Activity[]> {
  const res = await call(`/api/activity${query}`, { auth: user });
  expect(res.status).toBe(200);
  return (await res.json<{ activities: Activity[] }>()).activities;
}

const seen = async (user: Auth, type: string, fileId: number) => (await stream(user, `?fileId=${fileId}`)).filter((a) => a.type === type);

async function settings(user: Auth, change: { events?: { id: string; stream: boolean; mail: boolean }[]; listOwnActions?: boolean; favoritesOnly?: boolean }) {
  const res = await call("/api/activity/settings", {
    method: "PUT",
    auth: user,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ events: [], mailFrequency: "daily", favoritesOnly: false, listOwnActions: true, mailOwnActions: false, ...change }),
  });
  expect(res.status).toBe(200);
}

describe("file activity reaches everyone who reaches the file, each at their own path", () => {
  let owner: Auth;
  let lea: Auth;
  let hugo: Auth;
  let marc: Auth;
  let stranger: Auth;

  beforeAll(async () => {
    await seedAdmin();
    owner = await provisionUser(admin, "sa-tresoriere");
    lea = await provisionUser(admin, "sa-lea");
    hugo = await provisionUser(admin, "sa-hugo");
    marc = await provisionUser(admin, "sa-marc");
    stranger = await provisionUser(admin, "sa-intrus");
    await groupWith(admin, "sa-bureau", ["sa-hugo"]);
    await mkcol(owner, "/Comptes");
    await mkcol(owner, "/Comptes/2024");
    await share(owner, { path: "/Comptes", shareType: "0", shareWith: lea[0], permissions: "31" });
    await share(owner, { path: "/Comptes", shareType: "1", shareWith: "sa-bureau", permissions: "1" });
    // Léa names the share her own way in her files.
    expect((await files(lea, "MOVE", "/Comptes", { headers: { Destination: `/remote.php/dav/files/${lea[0]}/Comptes%20du%20club` } })).status).toBe(201);
  });

  it("tells the owner and the recipients of a new file, each with their view's path", async () => {
    await put(owner, "/Comptes/2024/bilan.ods", "bilan");
    const id = await fileId(owner, "/Comptes/2024/bilan.ods");
    expect((await seen(owner, "file_created", id)).map((a) => a.path)).toEqual(["/Comptes/2024/bilan.ods"]);
    expect((await seen(lea, "file_created", id)).map((a) => a.path)).toEqual(["/Comptes du club/2024/bilan.ods"]);
    expect((await seen(hugo, "file_created", id)).map((a) => [a.path, a.actorId])).toEqual([["/Comptes/2024/bilan.ods", owner[0]]]);
    expect(await stream(stranger)).toEqual([]);
    expect(await stream(marc)).toEqual([]);
  });

  it("tells them of a change made by a recipient, with the recipient as the actor", async () => {
    await put(lea, "/Comptes%20du%20club/2024/bilan.ods", "bilan corrigé");
    const id = await fileId(owner, "/Comptes/2024/bilan.ods");
    expect((await seen(owner, "file_changed", id)).map((a) => [a.path, a.actorId])).toEqual([["/Comptes/2024/bilan.ods", lea[0]]]);
    expect((await seen(hugo, "file_changed", id)).map((a) => a.path)).toEqual(["/Comptes/2024/bilan.ods"]);
    expect((await seen(lea, "file_changed", id)).map((a) => a.path)).toEqual(["/Comptes du club/2024/bilan.ods"]);
  });

  it("tells of comments and tags the same way", async () => {
    const id = await fileId(owner, "/Comptes/2024/bilan.ods");
    const res = await call(`/api/comments/${id}`, { method: "POST", auth: hugo, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ message: "Vu en bureau" }) });
    expect(res.status).toBe(201);
    expect((await seen(owner, "comment_added", id)).map((a) => [a.path, a.actorId])).toEqual([["/Comptes/2024/bilan.ods", hugo[0]]]);
    expect((await seen(lea, "comment_added", id)).map((a) => a.path)).toEqual(["/Comptes du club/2024/bilan.ods"]);
    const tagged = await call(`/remote.php/dav/systemtags-relations/files/${id}`, {
      method: "POST",
      auth: lea,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ name: "Validé", userVisible: true, userAssignable: true }),
    });
    expect(tagged.status).toBe(201);
    expect((await seen(owner, "tags_changed", id)).map((a) => [a.path, a.actorId, a.details])).toEqual([["/Comptes/2024/bilan.ods", lea[0], { tag: "Validé", action: "assigned" }]]);
    expect((await seen(hugo, "tags_changed", id)).map((a) => a.path)).toEqual(["/Comptes/2024/bilan.ods"]);
    expect(await seen(stranger, "tags_changed", id)).toEqual([]);
  });

  it("reaches a reshare's recipient at their own mount, and stops when the upstream share goes", async () => {
    await mkcol(owner, "/Archives");
    await mkcol(owner, "/Archives/2023");
    const upstream = await share(owner, { path: "/Archives", shareType: "0", shareWith: lea[0], permissions: "31" });
    await share(lea, { path: "/Archives/2023", shareType: "0", shareWith: marc[0], permissions: "1" });
    await put(owner, "/Archives/2023/relevé.pdf", "relevé");
    const id = await fileId(owner, "/Archives/2023/relevé.pdf");
    expect((await seen(marc, "file_created", id)).map((a) => a.path)).toEqual(["/2023/relevé.pdf"]);
    expect((await seen(lea, "file_created", id)).map((a) => a.path)).toEqual(["/Archives/2023/relevé.pdf"]);
    expect((await shareApi(owner, "DELETE", `/shares/${upstream.id}`)).status).toBe(200);
    await put(owner, "/Archives/2023/relevé.pdf", "relevé v2");
    expect(await seen(marc, "file_changed", id)).toEqual([]);
    expect(await seen(lea, "file_changed", id)).toEqual([]);
    expect((await seen(owner, "file_changed", id)).length).toBe(1);
  });

  it("tells those who lose sight of a moved file that it was deleted, without the new path", async () => {
    await put(owner, "/Comptes/note.txt", "note");
    const id = await fileId(owner, "/Comptes/note.txt");
    await mkcol(owner, "/Privé");
    expect((await files(owner, "MOVE", "/Comptes/note.txt", { headers: { Destination: `/remote.php/dav/files/${owner[0]}/Priv%C3%A9/note.txt` } })).status).toBe(201);
    const mine = await seen(owner, "file_moved", id);
    expect(mine.map((a) => [a.path, a.details])).toEqual([["/Privé/note.txt", { from: "/Comptes/note.txt" }]]);
    const hugoSaw = (await stream(hugo, `?fileId=${id}`)).map((a) => [a.type, a.path]);
    expect(hugoSaw).toEqual([
      ["file_deleted", "/Comptes/note.txt"],
      ["file_created", "/Comptes/note.txt"],
    ]);
    expect(JSON.stringify(await stream(hugo))).not.toContain("Privé");
  });

  it("tells of a deletion everyone who saw the file", async () => {
    await put(owner, "/Comptes/2024/brouillon.txt", "brouillon");
    const id = await fileId(owner, "/Comptes/2024/brouillon.txt");
    expect((await files(owner, "DELETE", "/Comptes/2024/brouillon.txt")).status).toBe(204);
    expect((await seen(hugo, "file_deleted", id)).map((a) => a.path)).toEqual(["/Comptes/2024/brouillon.txt"]);
    expect((await seen(owner, "file_deleted", id)).map((a) => a.path)).toEqual(["/Comptes/2024/brouillon.txt"]);
  });

  it("applies each recipient's own settings: stream types, own actions, favourites only", async () => {
    await settings(hugo, { events: [{ id: "file_created", stream: false, mail: false }] });
    await settings(owner, { listOwnActions: false });
    await put(owner, "/Comptes/2024/tarifs.txt", "tarifs");
    await put(owner, "/Comptes/2024/statuts.txt", "statuts");
    const tarifs = await fileId(owner, "/Comptes/2024/tarifs.txt");
    const statuts = await fileId(owner, "/Comptes/2024/statuts.txt");
    expect(await seen(hugo, "file_created", tarifs)).toEqual([]);
    expect(await seen(owner, "file_created", tarifs)).toEqual([]);
    expect((await seen(lea, "file_created", tarifs)).length).toBe(1);

    // Léa follows only her favourites for creations and changes; deletions still come.
    const star = '<?xml version="1.0"?><d:propertyupdate xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:set><d:prop><oc:favorite>1</oc:favorite></d:prop></d:set></d:propertyupdate>';
    expect((await files(lea, "PROPPATCH", "/Comptes%20du%20club/2024/tarifs.txt", { body: star })).status).toBe(207);
    await settings(lea, { favoritesOnly: true });
    await put(owner, "/Comptes/2024/tarifs.txt", "tarifs 2025");
    await put(owner, "/Comptes/2024/statuts.txt", "statuts 2025");
    expect((await seen(lea, "file_changed", tarifs)).length).toBe(1);
    expect(await seen(lea, "file_changed", statuts)).toEqual([]);
    expect(await seen(lea, "file_created", statuts)).toEqual([]);
    expect((await files(owner, "DELETE", "/Comptes/2024/statuts.txt")).status).toBe(204);
    expect((await seen(lea, "file_deleted", statuts)).length).toBe(1);
    // …and a whole favourite folder counts.
    expect((await files(lea, "PROPPATCH", "/Comptes%20du%20club/2024", { body: star })).status).toBe(207);
    expect((await seen(lea, "file_created", statuts)).length).toBe(1);
    await settings(lea, {});
  });

  it("agrees with the access explanation on who reaches a node", async () => {
    const id = await fileId(owner, "/Comptes/2024/tarifs.txt");
    const node = (await liveNodeById(db(), id))!;
    const explained = await explainAccess(db(), node, undefined);
    const audience = await audienceOf(db(), id);
    expect([...audience.paths.keys()].sort()).toEqual(explained.entries.map((e) => e.user.id).sort());
  });
});

describe("space activity reaches its members", () => {
  let writer: Auth;
  let colleague: Auth;
  let reader: Auth;
  let outsider: Auth;
  let spaceId: number;
  const SPACE = "Bureau Codep";

  beforeAll(async () => {
    await seedAdmin();
    writer = await provisionUser(admin, "sa-ecrivain");
    colleague = await provisionUser(admin, "sa-collegue");
    reader = await provisionUser(admin, "sa-lecteur");
    outsider = await provisionUser(admin, "sa-dehors");
    await groupWith(admin, "sa-lecteurs", ["sa-lecteur"]);
    spaceId = (await createSpace(admin, { name: SPACE })).id;
    await grant(admin, spaceId, "user", writer[0], "write");
    await grant(admin, spaceId, "user", colleague[0], "manage");
    await grant(admin, spaceId, "group", "sa-lecteurs", "read");
  });

  it("shows a colleague's upload in every member's stream, and nothing to the holder or an outsider", async () => {
    expect((await files(writer, "PUT", `/${encodeURIComponent(SPACE)}/PV.md`, { body: "# PV" })).status).toBe(201);
    const id = await fileId(writer, `/${encodeURIComponent(SPACE)}/PV.md`);
    for (const member of [writer, colleague, reader]) {
      expect((await seen(member, "file_created", id)).map((a) => [a.path, a.actorId]), member[0]).toEqual([[`/${SPACE}/PV.md`, writer[0]]]);
    }
    expect(await stream(outsider)).toEqual([]);
    const holderId = (await db().query.spaces.findFirst({ where: eq(spaces.id, spaceId) }))!.holderId;
    expect(await db().select().from(activities).where(eq(activities.userId, holderId))).toEqual([]);
  });

  it("reaches the recipient of a share inside the space through the share", async () => {
    expect((await files(colleague, "MKCOL", `/${encodeURIComponent(SPACE)}/Public`)).status).toBe(201);
    await share(colleague, { path: `/${SPACE}/Public`, shareType: "0", shareWith: outsider[0], permissions: "1" });
    expect((await files(writer, "PUT", `/${encodeURIComponent(SPACE)}/Public/affiche.pdf`, { body: "affiche" })).status).toBe(201);
    const id = await fileId(writer, `/${encodeURIComponent(SPACE)}/Public/affiche.pdf`);
    expect((await seen(outsider, "file_created", id)).map((a) => a.path)).toEqual(["/Public/affiche.pdf"]);
    expect((await seen(reader, "file_created", id)).map((a) => a.path)).toEqual([`/${SPACE}/Public/affiche.pdf`]);
    const node = (await liveNodeById(db(), id))!;
    const space = await new SpaceService(db(), env.FILES).byId(spaceId);
    const explained = await explainAccess(db(), node, space);
    expect([...(await audienceOf(db(), id)).paths.keys()].sort()).toEqual(explained.entries.map((e) => e.user.id).sort());
  });
});
