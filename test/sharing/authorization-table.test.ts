import { env } from "cloudflare:workers";
import { and, count, eq, isNull } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { fileComments, fileNodes, loginAttempts, shares } from "../../schema/core";
import type { Env } from "../../workers/env";
import { spaceRoots } from "../../workers/sharing/mounts";
import { ALL, CREATE, DELETE, READ, UPDATE } from "../../workers/sharing/permission-bits";
import { GROUP_SHARE, LINK_SHARE, USER_SHARE } from "../../workers/sharing/share-store";
import { systemFileService } from "../../workers/storage/system";
import { childNamed, personalRoot, type FileNode } from "../../workers/storage/tree";
import { basic, call, db, ocs, seedAdmin } from "../support/accounts";
import { ADMIN, enc } from "../support/dav";
import { provisionUser } from "../support/orgs";

/**
 * Who may do what on a shared tree: every role against every operation, each through the door that
 * role really has (their own WebDAV tree with the share or space mounted in it, or the link's public
 * door). A refusal must also leave everything as it was: the shared tree, the asker's own root, the
 * owner's root, the shares and the comments.
 */

const OPS = ["list", "read", "write", "create", "delete", "moveOut", "moveIn", "reshare", "comment", "collab"] as const;
type Op = (typeof OPS)[number];

/**
 * allow: done, and the change shows; readonly: the editor opens read-only; empty: a file drop's
 * listing, which shows nothing; keepBoth: a drop stores an upload under a new name and leaves the
 * file it would have replaced; a number: refused with that status, and nothing changed.
 */
type Outcome = "allow" | "readonly" | "empty" | "keepBoth" | 401 | 403 | 404 | 409 | 502;

interface Role {
  /** What the role reaches: the owner's folder "Partagé", or the space "Bureau virtuel". */
  tree: "folder" | "space";
  /** How: an account's own WebDAV tree (the share or space mounted in its root), or a link's public door. */
  door: "account" | "link";
  /** The account (for a link: the one who tries to move a file of theirs in through the link's door). */
  user: string;
  expect: Record<Op, Outcome>;
}

const A = "allow";
const RO = "readonly";
const row = (...outcomes: Outcome[]) => Object.fromEntries(OPS.map((op, i) => [op, outcomes[i]!])) as Record<Op, Outcome>;

// Resharing without the share bit is Nextcloud's 404 "You are not allowed to share" (its share
// manager's GenericShareException code), not a 403.
// A MOVE whose Destination is on another door answers 502, RFC 4918's "destination in another
// namespace" (as the versions door does); the link door and a member's tree are two namespaces.
const TABLE: Record<string, Role> = {
  //                                                                      list    read   write       create delete moveOut moveIn reshare comment collab
  owner: { tree: "folder", door: "account", user: "tab-owner", expect: row(A, A, A, A, A, A, A, A, A, A) },
  userShareRead: { tree: "folder", door: "account", user: "tab-reader", expect: row(A, A, 403, 403, 403, 403, 403, 404, A, RO) },
  userShareWrite: { tree: "folder", door: "account", user: "tab-writer", expect: row(A, A, A, A, A, A, A, A, A, A) },
  groupMember: { tree: "folder", door: "account", user: "tab-member", expect: row(A, A, A, A, A, A, A, 404, A, A) },
  spaceReader: { tree: "space", door: "account", user: "tab-space-reader", expect: row(A, A, 403, 403, 403, 403, 403, 404, A, RO) },
  spaceWriter: { tree: "space", door: "account", user: "tab-space-writer", expect: row(A, A, A, A, A, A, A, 404, A, A) },
  spaceManager: { tree: "space", door: "account", user: "tab-space-manager", expect: row(A, A, A, A, A, A, A, A, A, A) },
  link: { tree: "folder", door: "link", user: "tab-stranger", expect: row(A, A, 403, 403, 403, 502, 502, 401, 401, 401) },
  linkWithPassword: { tree: "folder", door: "link", user: "tab-stranger", expect: row(A, A, A, A, A, 502, 502, 401, 401, 401) },
  linkWrongPassword: { tree: "folder", door: "link", user: "tab-stranger", expect: row(401, 401, 401, 401, 401, 401, 502, 401, 401, 401) },
  fileDrop: { tree: "folder", door: "link", user: "tab-stranger", expect: row("empty", 404, "keepBoth", A, 403, 403, 502, 401, 401, 401) },
  stranger: { tree: "folder", door: "account", user: "tab-stranger", expect: row(404, 404, 409, 409, 404, 404, 409, 404, 404, 404) },
  disabledUser: { tree: "folder", door: "account", user: "tab-disabled", expect: row(401, 401, 401, 401, 401, 401, 401, 401, 401, 401) },
  expiredLink: { tree: "folder", door: "link", user: "tab-stranger", expect: row(404, 404, 404, 404, 404, 404, 502, 401, 401, 401) },
  expiredUserShare: { tree: "folder", door: "account", user: "tab-expired", expect: row(404, 404, 409, 409, 404, 404, 409, 404, 404, 404) },
};

const FOLDER = "Partagé";
const SPACE = "Bureau virtuel";
const RESHARE_TO = "tab-cible";
/**
 * Each account signs in with an app password, as a sync client does: a person's password costs
 * PBKDF2 on every request, which would make the table's few hundred requests slow.
 */
const appPasswords = new Map<string, string>();
const PASSWORD = (user: string): [string, string] => [user, appPasswords.get(user)!];
const LINK_PASSWORD = "Lien-Secret-2026!";
const ORIGIN = "http://cumulus.test";
const yesterday = () => Math.floor(Date.now() / 1000) - 86_400;

interface Trees {
  folder: FileNode;
  space: FileNode;
  spaceHolder: string;
  tokens: Record<string, string>;
}
let trees: Trees;

async function ocsOk(res: Response, what: string) {
  if (res.status !== 200) throw new Error(`${what}: ${res.status} ${await res.text()}`);
}

async function writeFile(actorId: string, parent: FileNode, name: string, text: string): Promise<FileNode> {
  const bytes = new TextEncoder().encode(text);
  const body = new Response(bytes).body;
  return (await systemFileService(env as unknown as Env, actorId).write({ parent, name, body, length: bytes.length })).node;
}

const liveChild = async (parent: FileNode, name: string) => {
  const node = await childNamed(db(), parent.id, name);
  return node && node.trashedAt === null ? node : undefined;
};
const liveChildren = (parent: FileNode) =>
  db()
    .select()
    .from(fileNodes)
    .where(and(eq(fileNodes.parentId, parent.id), isNull(fileNodes.trashedAt)));
const textOf = async (node: FileNode | undefined) => (node?.blobKey ? ((await env.FILES.get(node.blobKey))?.text() ?? null) : null);

const SHARES = "/ocs/v2.php/apps/files_sharing/api/v1/shares";

/** A share made by the owner through the OCS Share API, as the web UI or a client makes it. */
async function ocsShare(form: Record<string, string>): Promise<{ id: string; token: string | null }> {
  const res = await ocs(SHARES, { method: "POST", auth: PASSWORD("tab-owner"), form: { path: `/${FOLDER}`, ...form } });
  await ocsOk(res, `share ${JSON.stringify(form)}`);
  return ((await res.json()) as { ocs: { data: { id: string; token: string | null } } }).ocs.data;
}

beforeAll(async () => {
  await seedAdmin();
  await ocsOk(await ocs("/ocs/v2.php/cloud/groups", { method: "POST", auth: ADMIN, form: { groupid: "tab-group" } }), "group");
  for (const [user, groups] of [
    ["tab-owner", []],
    ["tab-reader", []],
    ["tab-writer", []],
    ["tab-member", ["tab-group"]],
    ["tab-space-reader", []],
    ["tab-space-writer", []],
    ["tab-space-manager", []],
    ["tab-stranger", []],
    ["tab-disabled", []],
    ["tab-expired", []],
    [RESHARE_TO, []],
  ] as const) {
    await provisionUser(ADMIN, user, [...groups]);
    const res = await call("/ocs/v2.php/core/getapppassword", { auth: [user, ADMIN[1]], headers: { "OCS-APIREQUEST": "true", Accept: "application/json" } });
    await ocsOk(res, `app password ${user}`);
    appPasswords.set(user, ((await res.json()) as { ocs: { data: { apppassword: string } } }).ocs.data.apppassword);
  }

  const ownerRoot = await personalRoot(db(), "tab-owner");
  const folder = await systemFileService(env as unknown as Env, "tab-owner").createFolder(ownerRoot, FOLDER);
  const share = (shareType: number, shareWith: string, permissions: number) => ocsShare({ shareType: String(shareType), shareWith, permissions: String(permissions) });
  await share(USER_SHARE, "tab-reader", READ);
  await share(USER_SHARE, "tab-writer", ALL);
  await share(GROUP_SHARE, "tab-group", READ | UPDATE | CREATE | DELETE);
  await share(USER_SHARE, "tab-disabled", ALL);
  // The API refuses a date in the past: the share expires after it was made.
  const expiring = await share(USER_SHARE, "tab-expired", ALL);
  await db().update(shares).set({ expiresAt: yesterday() }).where(eq(shares.id, Number(expiring.id)));

  const created = await call("/api/admin/spaces", { method: "POST", auth: ADMIN, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: SPACE }) });
  expect(created.status).toBe(201);
  const spaceId = ((await created.json()) as { id: number }).id;
  for (const [user, role] of [
    ["tab-space-reader", "read"],
    ["tab-space-writer", "write"],
    ["tab-space-manager", "manage"],
  ]) {
    const res = await call(`/api/admin/spaces/${spaceId}/members`, {
      method: "PUT",
      auth: ADMIN,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ type: "user", id: user, role }),
    });
    expect(res.status).toBe(200);
  }
  const space = (await spaceRoots(db(), [spaceId])).get(spaceId)!;
  trees = { folder, space, spaceHolder: space.ownerId, tokens: {} };
  const link = async (form: Record<string, string>) => (await ocsShare({ shareType: String(LINK_SHARE), ...form })).token!;
  trees.tokens.link = await link({});
  trees.tokens.linkWithPassword = await link({ publicUpload: "true", password: LINK_PASSWORD });
  trees.tokens.linkWrongPassword = trees.tokens.linkWithPassword;
  trees.tokens.fileDrop = await link({ permissions: String(CREATE) });
  const expiredLink = await ocsShare({ shareType: String(LINK_SHARE) });
  await db().update(shares).set({ expiresAt: yesterday() }).where(eq(shares.id, Number(expiredLink.id)));
  trees.tokens.expiredLink = expiredLink.token!;

  await ocsOk(await ocs("/ocs/v2.php/cloud/users/tab-disabled/disable", { method: "PUT", auth: ADMIN }), "disable");
});

/** One cell of the table: the request it makes and the state it may change. */
interface Case {
  role: string;
  op: Op;
  r: Role;
  /** Unique to the case, so that no case sees another's files. */
  id: string;
  target: FileNode;
  actorRoot: FileNode;
  /** The file the operation works on, fresh in the shared tree; and a Markdown one for the editor. */
  file: FileNode;
  markdown: FileNode;
  /** A file of the actor's own, for moving in. */
  mine: FileNode;
}

/** Where the role's door to the shared tree is, and the credentials it sends there. */
function doorOf(c: Case): { base: string; auth?: [string, string]; headers: Record<string, string> } {
  if (c.r.door === "link") {
    const base = `/public.php/dav/files/${trees.tokens[c.role]}`;
    if (c.role === "linkWithPassword") return { base, headers: { Authorization: basic("anonymous", LINK_PASSWORD) } };
    if (c.role === "linkWrongPassword") return { base, headers: { Authorization: basic("anonymous", "pas-le-bon") } };
    return { base, headers: {} };
  }
  const mount = c.role === "owner" || c.r.tree === "folder" ? FOLDER : SPACE;
  return { base: `/remote.php/dav/files/${c.r.user}/${enc(mount)}`, auth: PASSWORD(c.r.user), headers: {} };
}

/** Credentials for the non-DAV doors (OCS, comments, editor): a link's visitor has none. */
const accountAuth = (c: Case) => (c.r.door === "account" ? PASSWORD(c.r.user) : undefined);

function perform(c: Case): Promise<Response> {
  const { base, auth, headers } = doorOf(c);
  const dav = (method: string, path: string, init: RequestInit = {}) => call(`${base}${path}`, { ...init, method, auth, headers: { ...headers, ...(init.headers as Record<string, string>) } });
  const own = `/remote.php/dav/files/${c.r.user}`;
  switch (c.op) {
    case "list":
      return dav("PROPFIND", "/", { headers: { Depth: "1" } });
    case "read":
      return dav("GET", `/${c.file.name}`);
    case "write":
      return dav("PUT", `/${c.file.name}`, { body: `changed ${c.id}` });
    case "create":
      return dav("PUT", `/new-${c.id}.txt`, { body: `new ${c.id}` });
    case "delete":
      return dav("DELETE", `/${c.file.name}`);
    case "moveOut":
      // A link's visitor has no tree of their own: they try the owner's.
      return dav("MOVE", `/${c.file.name}`, { headers: { Destination: `${ORIGIN}${c.r.door === "link" ? "/remote.php/dav/files/tab-owner" : own}/out-${c.id}.txt` } });
    case "moveIn":
      return call(`${own}/${c.mine.name}`, { method: "MOVE", auth: PASSWORD(c.r.user), headers: { Destination: `${ORIGIN}${base}/in-${c.id}.txt` } });
    case "reshare": {
      const path = `/${c.r.tree === "space" ? SPACE : FOLDER}`;
      return ocs("/ocs/v2.php/apps/files_sharing/api/v1/shares", { method: "POST", auth: accountAuth(c), form: { path, shareType: "0", shareWith: RESHARE_TO, permissions: "1" } });
    }
    case "comment":
      return call(`/remote.php/dav/comments/files/${c.file.id}`, {
        method: "POST",
        auth: accountAuth(c),
        headers: { "Content-Type": "application/json" },
        body: JSON.stringify({ actorType: "users", verb: "comment", message: `commentaire ${c.id}` }),
      });
    case "collab":
      return call(`/api/collab/${c.markdown.id}/token`, { method: "POST", auth: accountAuth(c) });
  }
}

/** Everything a refused request could have touched. */
async function snapshot(c: Case): Promise<string[]> {
  const ownerRoot = await personalRoot(db(), "tab-owner");
  const strangerRoot = await personalRoot(db(), "tab-stranger");
  const lines: string[] = [];
  for (const parent of [c.target, c.actorRoot, ownerRoot, strangerRoot]) {
    for (const n of await liveChildren(parent)) lines.push(`${parent.id}/${n.name} ${n.etag} ${n.blobKey ?? ""} ${n.size}`);
  }
  const [shareCount] = await db().select({ n: count() }).from(shares);
  const [commentCount] = await db().select({ n: count() }).from(fileComments);
  return [...new Set(lines)].sort().concat(`shares ${shareCount?.n}`, `comments ${commentCount?.n}`);
}

async function setUp(role: string, op: Op): Promise<Case> {
  const r = TABLE[role]!;
  const id = `${role}-${op}`;
  const target = r.tree === "folder" ? trees.folder : trees.space;
  const seeder = r.tree === "folder" ? "tab-owner" : trees.spaceHolder;
  const actorRoot = await personalRoot(db(), r.user);
  const [file, markdown, mine] = await Promise.all([
    writeFile(seeder, target, `${id}.txt`, `original ${id}`),
    writeFile(seeder, target, `${id}.md`, `# ${id}\n`),
    writeFile(r.user, actorRoot, `mine-${id}.txt`, `mine ${id}`),
  ]);
  // Refused logins are counted; the table makes more of them than the limit allows one account.
  await db().delete(loginAttempts);
  return { role, op, r, id, target, actorRoot, file, markdown, mine };
}

async function expectAllowed(c: Case, outcome: Outcome, res: Response) {
  const body = await res.text();
  const where = `${c.id}: ${res.status} ${body.slice(0, 300)}`;
  switch (c.op) {
    case "list": {
      expect(res.status, where).toBe(207);
      const entries = body.match(/<d:response>/g)?.length ?? 0;
      if (outcome === "empty") {
        expect(body, where).not.toContain(c.file.name);
        expect(entries, where).toBe(1);
      } else {
        expect(body, where).toContain(encodeURIComponent(c.file.name));
        expect(entries, where).toBeGreaterThan(2);
      }
      return;
    }
    case "read":
      expect(res.status, where).toBe(200);
      expect(body).toBe(`original ${c.id}`);
      return;
    case "write": {
      if (outcome === "keepBoth") {
        expect(res.status, where).toBe(201);
        expect(await textOf(await liveChild(c.target, c.file.name))).toBe(`original ${c.id}`);
        const beside = (await liveChildren(c.target)).filter((n) => n.name !== c.file.name && n.name.startsWith(c.id) && n.name.endsWith(".txt"));
        expect(beside.length, where).toBe(1);
        expect(await textOf(beside[0])).toBe(`changed ${c.id}`);
        return;
      }
      expect(res.status, where).toBe(204);
      expect(await textOf(await liveChild(c.target, c.file.name))).toBe(`changed ${c.id}`);
      return;
    }
    case "create":
      expect(res.status, where).toBe(201);
      expect(await textOf(await liveChild(c.target, `new-${c.id}.txt`))).toBe(`new ${c.id}`);
      return;
    case "delete":
      expect(res.status, where).toBe(204);
      expect(await liveChild(c.target, c.file.name)).toBeUndefined();
      return;
    case "moveOut":
      expect(res.status, where).toBe(201);
      expect(await liveChild(c.target, c.file.name)).toBeUndefined();
      expect(await textOf(await liveChild(c.actorRoot, `out-${c.id}.txt`))).toBe(`original ${c.id}`);
      return;
    case "moveIn":
      expect(res.status, where).toBe(201);
      expect(await liveChild(c.actorRoot, c.mine.name)).toBeUndefined();
      expect(await textOf(await liveChild(c.target, `in-${c.id}.txt`))).toBe(`mine ${c.id}`);
      return;
    case "reshare": {
      expect(res.status, where).toBe(200);
      const made = await db().query.shares.findFirst({ where: and(eq(shares.initiatorId, c.r.user), eq(shares.shareWith, RESHARE_TO), eq(shares.nodeId, c.target.id)) });
      expect(made, where).toBeDefined();
      // The next role reshares the same node to the same person.
      await db().delete(shares).where(eq(shares.id, made!.id));
      return;
    }
    case "comment": {
      expect(res.status, where).toBe(201);
      const [comments] = await db().select({ n: count() }).from(fileComments).where(eq(fileComments.nodeId, c.file.id));
      expect(comments?.n).toBe(1);
      return;
    }
    case "collab": {
      expect(res.status, where).toBe(200);
      const granted = JSON.parse(body) as { token: string; readOnly: boolean };
      expect(granted.token, where).toBeTruthy();
      expect(granted.readOnly, where).toBe(outcome === "readonly");
      return;
    }
  }
}

describe("authorization: every role against every operation on a shared tree", () => {
  const cases = Object.entries(TABLE).flatMap(([role, r]) => OPS.map((op) => ({ role, op, outcome: r.expect[op] })));

  it.each(cases)("$role $op → $outcome", async ({ role, op, outcome }) => {
    const c = await setUp(role, op);
    const before = await snapshot(c);
    const res = await perform(c);
    if (typeof outcome === "number") {
      const body = await res.text();
      expect(res.status, `${c.id}: ${body.slice(0, 300)}`).toBe(outcome);
      expect(await snapshot(c), `${c.id} changed something`).toEqual(before);
      return;
    }
    await expectAllowed(c, outcome, res);
  });

  it("lets the owner still see their tree whole after every case", async () => {
    const res = await call(`/remote.php/dav/files/tab-owner/${enc(FOLDER)}`, { method: "PROPFIND", auth: PASSWORD("tab-owner"), headers: { Depth: "1" } });
    expect(res.status).toBe(207);
  });
});
