import { eq, sql } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { fileNodes, spaces, users } from "../../schema/core";
import { db, ocs, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { r2Has } from "../support/lifecycle";
import { createOrg, provisionUser } from "../support/orgs";
import { api, createGroup, createSpace, files, grant, revoke, type Auth, type SpaceJson } from "./support";

const admin: Auth = ["admin", STRONG_PASSWORD];

describe("the spaces admin API", () => {
  let codepAdmin: Auth;
  let otherAdmin: Auth;
  let manager: Auth;
  let reader: Auth;
  let stranger: Auth;
  let space: SpaceJson;

  beforeAll(async () => {
    await seedAdmin();
    await createOrg(admin, "codep34", "Codep 34");
    await createOrg(admin, "codep30", "Codep 30");
    codepAdmin = await provisionUser(admin, "marie", ["codep34"]);
    otherAdmin = await provisionUser(admin, "remi", ["codep30"]);
    for (const [user, org] of [["marie", "codep34"], ["remi", "codep30"]]) {
      expect((await ocs(`/ocs/v2.php/cloud/users/${user}/subadmins`, { method: "POST", auth: admin, form: { groupid: org! } })).status).toBe(200);
    }
    manager = await provisionUser(admin, "gestionnaire", ["codep34"]);
    reader = await provisionUser(admin, "lecteur", ["codep34"]);
    stranger = await provisionUser(admin, "ailleurs", ["codep30"]);
    space = await createSpace(codepAdmin, { name: "Partage Codep 34 - Commission technique" });
    await grant(codepAdmin, space.id, "user", "gestionnaire", "manage");
    await grant(codepAdmin, space.id, "user", "lecteur", "read");
  });

  it("creates the space with a hidden holder account and a root folder, in the org admin's org by default", async () => {
    expect(space).toMatchObject({ name: "Partage Codep 34 - Commission technique", orgId: "codep34", quotaBytes: null, usedBytes: 0 });
    const row = await db().query.spaces.findFirst({ where: eq(spaces.id, space.id) });
    const holder = await db().query.users.findFirst({ where: eq(users.id, row!.holderId) });
    expect(holder).toMatchObject({ kind: "space", orgId: "codep34", enabled: true, quotaBytes: -3 });
    const root = await db().query.fileNodes.findFirst({ where: eq(fileNodes.ownerId, row!.holderId) });
    expect(root).toMatchObject({ spaceId: String(space.id), parentId: null, isFolder: true });
  });

  it("counts the users and groups holding a role in each space", async () => {
    expect(((await (await api(`/api/admin/spaces/${space.id}`, codepAdmin)).json()) as SpaceJson).memberCount).toBe(2);
    const listed = ((await (await api("/api/admin/spaces", codepAdmin)).json()) as { spaces: SpaceJson[] }).spaces;
    expect(listed.find((s) => s.id === space.id)?.memberCount).toBe(2);
    const empty = await createSpace(admin, { name: "Sans membres" });
    expect(empty.memberCount).toBe(0);
    expect((await api(`/api/admin/spaces/${empty.id}`, admin, "DELETE")).status).toBe(204);
  });

  it("lets an instance admin create a space in any org, or in none, with a quota", async () => {
    const res = await api("/api/admin/spaces", admin, "POST", { name: "Partage Codep 30 - Bureau", orgId: "codep30", quotaBytes: 1000 });
    expect(res.status).toBe(201);
    expect(await res.json()).toMatchObject({ orgId: "codep30", quotaBytes: 1000 });
    expect((await api("/api/admin/spaces", admin, "POST", { name: "Comité régional" })).status).toBe(201);
  });

  it("answers 400 to a bad name, an unknown field or an unknown org", async () => {
    for (const body of [{ name: "a/b" }, { name: "  " }, { name: "x", colour: "red" }, { name: "x", quotaBytes: -5 }, { name: "x", orgId: "nulle-part" }]) {
      const res = await api("/api/admin/spaces", admin, "POST", body);
      expect(res.status, JSON.stringify(body)).toBe(400);
      expect(((await res.json()) as { error: { code: string } }).error.code).toBeTruthy();
    }
  });

  it("lists every space to the instance admin and only their org's spaces to an org admin", async () => {
    const all = ((await (await api("/api/admin/spaces", admin)).json()) as { spaces: SpaceJson[] }).spaces;
    expect(all.length).toBeGreaterThanOrEqual(3);
    const mine = ((await (await api("/api/admin/spaces", codepAdmin)).json()) as { spaces: SpaceJson[] }).spaces;
    expect(mine.every((s) => s.orgId === "codep34")).toBe(true);
    expect(mine.map((s) => s.id)).toContain(space.id);
    const theirs = ((await (await api("/api/admin/spaces", otherAdmin)).json()) as { spaces: SpaceJson[] }).spaces;
    expect(theirs.map((s) => s.id)).not.toContain(space.id);
  });

  it("refuses an org admin creating a space in another org (403)", async () => {
    expect((await api("/api/admin/spaces", codepAdmin, "POST", { name: "Intrus", orgId: "codep30" })).status).toBe(403);
  });

  it("answers 404 to an org admin of another org, whatever they try", async () => {
    for (const [method, path, body] of [
      ["GET", "", undefined],
      ["PATCH", "", { name: "Piraté" }],
      ["DELETE", "", undefined],
      ["GET", "/members", undefined],
      ["PUT", "/members", { type: "user", id: "remi", role: "manage" }],
      ["DELETE", "/members/user/lecteur", undefined],
    ] as const) {
      const res = await api(`/api/admin/spaces/${space.id}${path}`, otherAdmin, method, body);
      expect(res.status, `${method} ${path}`).toBe(404);
    }
    expect((await api(`/api/admin/spaces/${space.id}`, admin)).status).toBe(200);
  });

  it("lets an org admin rename the space and set its quota", async () => {
    const res = await api(`/api/admin/spaces/${space.id}`, codepAdmin, "PATCH", { name: "Partage Codep 34 - Technique", quotaBytes: 5000 });
    expect(res.status).toBe(200);
    expect(await res.json()).toMatchObject({ name: "Partage Codep 34 - Technique", quotaBytes: 5000 });
    const back = await api(`/api/admin/spaces/${space.id}`, codepAdmin, "PATCH", { quotaBytes: null });
    expect(await back.json()).toMatchObject({ quotaBytes: null });
  });

  it("lets an org admin grant only users and groups of their org (404 for others)", async () => {
    expect((await api(`/api/admin/spaces/${space.id}/members`, codepAdmin, "PUT", { type: "user", id: "ailleurs", role: "read" })).status).toBe(404);
    expect((await api(`/api/admin/spaces/${space.id}/members`, codepAdmin, "PUT", { type: "group", id: "codep30", role: "read" })).status).toBe(404);
    expect((await api(`/api/admin/spaces/${space.id}/members`, codepAdmin, "PUT", { type: "user", id: "personne", role: "read" })).status).toBe(404);
    expect((await api(`/api/admin/spaces/${space.id}/members`, codepAdmin, "PUT", { type: "group", id: "codep34", role: "read" })).status).toBe(200);
    expect((await revoke(codepAdmin, space.id, "group", "codep34")).status).toBe(204);
  });

  it("answers 400 to a bad role or principal type", async () => {
    for (const body of [{ type: "user", id: "lecteur", role: "owner" }, { type: "robot", id: "lecteur", role: "read" }, { type: "user", id: "a/b", role: "read" }, { type: "user", role: "read" }]) {
      expect((await api(`/api/admin/spaces/${space.id}/members`, codepAdmin, "PUT", body)).status, JSON.stringify(body)).toBe(400);
    }
  });

  it("lets a manager list, grant and revoke members, but not rename, set the quota, create or delete (403)", async () => {
    const listed = await api(`/api/admin/spaces/${space.id}/members`, manager);
    expect(listed.status).toBe(200);
    expect(((await listed.json()) as { members: unknown[] }).members).toEqual(
      expect.arrayContaining([
        { type: "user", id: "gestionnaire", displayName: "gestionnaire", role: "manage" },
        { type: "user", id: "lecteur", displayName: "lecteur", role: "read" },
      ]),
    );
    expect((await api(`/api/admin/spaces/${space.id}/members`, manager, "PUT", { type: "user", id: "marie", role: "write" })).status).toBe(200);
    expect((await revoke(manager, space.id, "user", "marie")).status).toBe(204);
    expect((await revoke(manager, space.id, "user", "marie")).status).toBe(404);
    expect((await api(`/api/admin/spaces/${space.id}/members`, manager, "PUT", { type: "user", id: "ailleurs", role: "read" })).status).toBe(404);
    expect((await api(`/api/admin/spaces/${space.id}`, manager, "PATCH", { name: "Renommé" })).status).toBe(403);
    expect((await api(`/api/admin/spaces/${space.id}`, manager, "PATCH", { quotaBytes: 1 })).status).toBe(403);
    expect((await api(`/api/admin/spaces/${space.id}`, manager, "DELETE")).status).toBe(403);
    expect((await api("/api/admin/spaces", manager, "POST", { name: "Le mien" })).status).toBe(403);
    const managed = ((await (await api("/api/admin/spaces", manager)).json()) as { spaces: SpaceJson[] }).spaces;
    expect(managed.map((s) => s.id)).toEqual([space.id]);
  });

  it("shows a reader the space and its members but refuses changes (403), and a stranger nothing (404)", async () => {
    expect((await api(`/api/admin/spaces/${space.id}`, reader)).status).toBe(200);
    expect((await api(`/api/admin/spaces/${space.id}/members`, reader)).status).toBe(200);
    expect((await api(`/api/admin/spaces/${space.id}/members`, reader, "PUT", { type: "user", id: "lecteur", role: "manage" })).status).toBe(403);
    expect((await revoke(reader, space.id, "user", "gestionnaire")).status).toBe(403);
    expect((await api(`/api/admin/spaces/${space.id}`, reader, "DELETE")).status).toBe(403);
    expect((await api(`/api/admin/spaces/${space.id}`, stranger)).status).toBe(404);
    expect((await api(`/api/admin/spaces/${space.id}/members`, stranger)).status).toBe(404);
    expect((await api("/api/admin/spaces/999999", admin)).status).toBe(404);
    expect((await api("/api/admin/spaces/abc", admin)).status).toBe(400);
    expect(((await (await api("/api/admin/spaces", stranger)).json()) as { spaces: unknown[] }).spaces).toEqual([]);
  });

  it("tells each member their spaces, where they show and their role (GET /api/spaces)", async () => {
    await createGroup(admin, "bureau34", ["lecteur"]);
    await grant(admin, space.id, "group", "bureau34", "write");
    const res = await api("/api/spaces", reader);
    expect(res.status).toBe(200);
    const listed = ((await res.json()) as { spaces: { id: number; name: string; path: string; role: string }[] }).spaces;
    expect(listed).toEqual([expect.objectContaining({ id: space.id, path: `/Partage Codep 34 - Technique`, role: "write" })]);
    expect(((await (await api("/api/spaces", stranger)).json()) as { spaces: unknown[] }).spaces).toEqual([]);
  });

  it("forgets the roles of a deleted user or group: an account made later under the same id inherits nothing", async () => {
    await provisionUser(admin, "ephemere", ["codep34"]);
    await createGroup(admin, "passagers", []);
    await grant(admin, space.id, "user", "ephemere", "manage");
    await grant(admin, space.id, "group", "passagers", "write");
    expect((await ocs("/ocs/v2.php/cloud/users/ephemere", { method: "DELETE", auth: admin })).status).toBe(200);
    expect((await ocs("/ocs/v2.php/cloud/groups/passagers", { method: "DELETE", auth: admin })).status).toBe(200);
    const members = ((await (await api(`/api/admin/spaces/${space.id}/members`, admin)).json()) as { members: { id: string }[] }).members;
    expect(members.map((m) => m.id)).not.toContain("ephemere");
    expect(members.map((m) => m.id)).not.toContain("passagers");
    const again = await provisionUser(admin, "ephemere", ["codep34"]);
    expect((await api(`/api/admin/spaces/${space.id}`, again)).status).toBe(404);
  });

  it("deletes a space with its files, their versions and trash, reclaiming every blob", async () => {
    const doomed = await createSpace(admin, { name: "Éphémère", orgId: "codep34" });
    await grant(admin, doomed.id, "user", "gestionnaire", "write");
    expect((await files(manager, "PUT", "/%C3%89ph%C3%A9m%C3%A8re/a.txt", { body: "un" })).status).toBe(201);
    expect((await files(manager, "PUT", "/%C3%89ph%C3%A9m%C3%A8re/a.txt", { body: "deux" })).status).toBe(204);
    expect((await files(manager, "PUT", "/%C3%89ph%C3%A9m%C3%A8re/b.txt", { body: "trois" })).status).toBe(201);
    expect((await files(manager, "DELETE", "/%C3%89ph%C3%A9m%C3%A8re/b.txt")).status).toBe(204);
    const row = (await db().query.spaces.findFirst({ where: eq(spaces.id, doomed.id) }))!;
    const keys = (await db().select({ key: fileNodes.blobKey }).from(fileNodes).where(eq(fileNodes.ownerId, row.holderId))).map((r) => r.key).filter((k) => k !== null);
    const versionKeys = (await db().all<{ key: string }>(sql`SELECT v.blob_key AS key FROM file_versions v JOIN file_nodes n ON n.id = v.node_id WHERE n.owner_id = ${row.holderId}`)).map((r) => r.key);
    expect(keys.length).toBe(2);
    expect(versionKeys.length).toBe(1);
    for (const key of [...keys, ...versionKeys]) expect(await r2Has(key!)).toBe(true);

    expect((await api(`/api/admin/spaces/${doomed.id}`, admin, "DELETE")).status).toBe(204);
    for (const key of [...keys, ...versionKeys]) expect(await r2Has(key!)).toBe(false);
    expect(await db().query.users.findFirst({ where: eq(users.id, row.holderId) })).toBeUndefined();
    expect((await db().select().from(fileNodes).where(eq(fileNodes.ownerId, row.holderId))).length).toBe(0);
    expect((await api(`/api/admin/spaces/${doomed.id}`, admin)).status).toBe(404);
    expect((await files(manager, "GET", "/%C3%89ph%C3%A9m%C3%A8re/a.txt")).status).toBe(404);
  });
});
