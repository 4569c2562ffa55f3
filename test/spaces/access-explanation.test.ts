import { beforeAll, describe, expect, it } from "vitest";
import { insertShare, LINK_SHARE, GROUP_SHARE, USER_SHARE } from "../../workers/sharing/share-store";
import { nodeById, walk } from "../../workers/storage/tree";
import { db, ocs, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { lifecycleUser } from "../support/lifecycle";
import { createOrg, provisionUser } from "../support/orgs";
import { api, createGroup, createSpace, files, grant, type Auth, type SpaceJson } from "./support";

const admin: Auth = ["admin", STRONG_PASSWORD];

interface Explanation {
  node: { id: number; name: string; path: string; owner?: { id: string }; space?: { id: number; name: string } };
  entries: { user: { id: string; displayName: string }; permissions: number; letters: string; reasons: Record<string, unknown>[] }[];
  links: Record<string, unknown>[];
}

const explain = async (actor: Auth, id: number) => {
  const res = await api(`/api/access/${id}`, actor);
  return { status: res.status, body: res.status === 200 ? ((await res.json()) as Explanation) : undefined };
};

describe("GET /api/access/:fileId", () => {
  let folderId: number;
  let fileId: number;
  let bob: Auth;
  let orgAdmin: Auth;
  let otherAdmin: Auth;
  let stranger: Auth;

  beforeAll(async () => {
    await seedAdmin();
    await createOrg(admin, "inclusion", "Inclusion numérique");
    await createOrg(admin, "ailleurs", "Ailleurs");
    const alice = await provisionUser(admin, "alice", ["inclusion"]);
    bob = await provisionUser(admin, "bob", ["inclusion"]);
    await provisionUser(admin, "carole", ["inclusion"]);
    await provisionUser(admin, "david", ["inclusion"]);
    orgAdmin = await provisionUser(admin, "oriane", ["inclusion"]);
    otherAdmin = await provisionUser(admin, "autre", ["ailleurs"]);
    stranger = await provisionUser(admin, "inconnu", ["inclusion"]);
    for (const [user, org] of [["oriane", "inclusion"], ["autre", "ailleurs"]] as const) {
      expect((await ocs(`/ocs/v2.php/cloud/users/${user}/subadmins`, { method: "POST", auth: admin, form: { groupid: org } })).status).toBe(200);
    }
    await createGroup(admin, "ca-2022", ["carole"]);
    expect((await files(alice, "MKCOL", "/2021-2022")).status).toBe(201);
    expect((await files(alice, "PUT", "/2021-2022/210831-reunionCA.docx", { body: "PV" })).status).toBe(201);
    const u = lifecycleUser("alice");
    folderId = (await u.node("2021-2022"))!.id;
    fileId = (await u.node("2021-2022/210831-reunionCA.docx"))!.id;

    await insertShare(db(), { shareType: USER_SHARE, nodeId: folderId, initiatorId: "alice", shareWith: "bob", permissions: 1 });
    await insertShare(db(), { shareType: GROUP_SHARE, nodeId: folderId, initiatorId: "alice", shareWith: "ca-2022", permissions: 15 });
    // Bob reshares with more than he holds: the reshare is capped at his read-only right.
    await insertShare(db(), { shareType: USER_SHARE, nodeId: fileId, initiatorId: "bob", shareWith: "david", permissions: 19 });
    await insertShare(db(), {
      shareType: LINK_SHARE,
      nodeId: folderId,
      initiatorId: "alice",
      permissions: 1,
      token: "lien-ca-2022-token",
      passwordHash: "pbkdf2-sha256$1$AA$AA",
      label: "Pour le CA",
      expiresAt: Math.floor(Date.now() / 1000) + 86400,
    });
    await insertShare(db(), { shareType: LINK_SHARE, nodeId: folderId, initiatorId: "alice", permissions: 4, token: "depot-token", label: "Dépôt" });
  });

  it("lists the owner and every share recipient, with the rights effectiveAccess gives them and why", async () => {
    const { status, body } = await explain(["alice", STRONG_PASSWORD], fileId);
    expect(status).toBe(200);
    expect(body!.node).toMatchObject({ id: fileId, name: "210831-reunionCA.docx", path: "/2021-2022/210831-reunionCA.docx", owner: { id: "alice" } });
    const byUser = new Map(body!.entries.map((e) => [e.user.id, e]));
    expect(body!.entries[0]!.user.id).toBe("alice");
    expect(byUser.get("alice")).toMatchObject({ permissions: 27, letters: "RGDNVW", reasons: [{ via: "owner" }] });
    expect(byUser.get("bob")).toMatchObject({
      permissions: 1,
      reasons: [{ via: "share", shareType: "user", initiator: { id: "alice" }, sharePermissions: 1, permissions: 1, cappedByInitiator: false, sharedNode: { id: folderId, path: "/2021-2022" } }],
    });
    expect(byUser.get("carole")).toMatchObject({ permissions: 11, reasons: [{ via: "share", shareType: "group", group: { id: "ca-2022" }, permissions: 15 }] });
    expect(byUser.get("david")).toMatchObject({
      permissions: 1,
      reasons: [{ via: "share", shareType: "user", initiator: { id: "bob" }, sharePermissions: 19, permissions: 1, cappedByInitiator: true }],
    });
    expect(byUser.has("inconnu")).toBe(false);
  });

  it("lists the links on the node or above it, without their secret", async () => {
    const { body } = await explain(["alice", STRONG_PASSWORD], fileId);
    expect(body!.links).toEqual([
      expect.objectContaining({ type: "link", label: "Pour le CA", hasPassword: true, expired: false, permissions: 1, fileDrop: false, sharedNode: { id: folderId, path: "/2021-2022" } }),
      expect.objectContaining({ type: "link", label: "Dépôt", hasPassword: false, expiresAt: null, permissions: 4, fileDrop: true }),
    ]);
    expect(JSON.stringify(body)).not.toContain("token");
    expect(JSON.stringify(body)).not.toContain("pbkdf2");
  });

  it("is open to an instance admin and an org admin of the owner's org", async () => {
    expect((await explain(admin, folderId)).status).toBe(200);
    expect((await explain(orgAdmin, folderId)).status).toBe(200);
  });

  it("answers 404 to a stranger, a recipient, an org admin of another org, and for an unknown id", async () => {
    expect((await explain(stranger, fileId)).status).toBe(404);
    expect((await explain(bob, fileId)).status).toBe(404);
    expect((await explain(otherAdmin, fileId)).status).toBe(404);
    expect((await explain(admin, 99999999)).status).toBe(404);
    expect((await api("/api/access/abc", admin)).status).toBe(400);
  });

  describe("in a space", () => {
    let space: SpaceJson;
    let manager: Auth;
    let reader: Auth;
    let docId: number;

    beforeAll(async () => {
      manager = await provisionUser(admin, "gerante", ["inclusion"]);
      reader = await provisionUser(admin, "lectrice", ["inclusion"]);
      await createGroup(admin, "benevoles", ["lectrice", "carole"]);
      space = await createSpace(admin, { name: "Adhésions", orgId: "inclusion" });
      await grant(admin, space.id, "user", "gerante", "manage");
      await grant(admin, space.id, "group", "benevoles", "read");
      expect((await files(manager, "PUT", "/Adh%C3%A9sions/Adh%C3%A9sions-postales.xlsx", { body: "tableau" })).status).toBe(201);
      const spaces = ((await (await api("/api/spaces", manager)).json()) as { spaces: { id: number; rootId: number }[] }).spaces;
      const root = await nodeById(db(), spaces.find((s) => s.id === space.id)!.rootId);
      docId = (await walk(db(), root!, ["Adhésions-postales.xlsx"])).node!.id;
      await insertShare(db(), { shareType: USER_SHARE, nodeId: docId, initiatorId: "gerante", shareWith: "david", permissions: 3 });
    });

    it("lists space members (groups expanded, the group named) and shares made inside it", async () => {
      const { status, body } = await explain(manager, docId);
      expect(status).toBe(200);
      expect(body!.node).toMatchObject({ path: "/Adhésions/Adhésions-postales.xlsx", space: { id: space.id, name: "Adhésions" } });
      expect(body!.node.owner).toBeUndefined();
      const byUser = new Map(body!.entries.map((e) => [e.user.id, e]));
      expect(byUser.get("gerante")).toMatchObject({ permissions: 27, reasons: [{ via: "space", role: "manage", space: { id: space.id, name: "Adhésions" } }] });
      expect(byUser.get("gerante")!.letters).toContain("R");
      expect(byUser.get("lectrice")).toMatchObject({ permissions: 1, letters: "MG", reasons: [{ via: "space", role: "read", group: { id: "benevoles", displayName: "benevoles" } }] });
      expect(byUser.get("carole")).toMatchObject({ permissions: 1 });
      expect(byUser.get("david")).toMatchObject({ permissions: 3, reasons: [{ via: "share", initiator: { id: "gerante" }, cappedByInitiator: false }] });
      expect([...byUser.keys()].some((id) => id.startsWith("space:"))).toBe(false);
    });

    it("is open to the space's managers and its org's admins, not to its readers (404)", async () => {
      expect((await explain(orgAdmin, docId)).status).toBe(200);
      expect((await explain(reader, docId)).status).toBe(404);
      expect((await explain(otherAdmin, docId)).status).toBe(404);
      expect((await explain(stranger, docId)).status).toBe(404);
    });
  });
});
