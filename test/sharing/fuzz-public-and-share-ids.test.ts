import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { randomToken } from "../../workers/accounts/crypto";
import { hashPassword } from "../../workers/accounts/password-hash";
import type { Env } from "../../workers/env";
import { ALL, CREATE, READ } from "../../workers/sharing/permission-bits";
import { insertShare, LINK_SHARE, USER_SHARE } from "../../workers/sharing/share-store";
import { systemFileService } from "../../workers/storage/system";
import { personalRoot } from "../../workers/storage/tree";
import { basic, call, db, seedAdmin } from "../support/accounts";
import { ADMIN } from "../support/dav";
import { provisionUser } from "../support/orgs";

/**
 * Garbage at the public doors and at every share or file id: random tokens (any length, percent
 * encodings, Unicode, dot segments, near misses of real tokens), random paths below them, random ids
 * (negative, huge, fractional, not numbers, other people's). Whatever comes, the answer is a 4xx:
 * never a 2xx (nothing opens), never a 5xx (nothing breaks). The PRNG is seeded; VITE_FUZZ_SEED replays a run (VITE_FUZZ_ROUNDS runs more seeds).
 */

const SEED = Number(process.env.VITE_FUZZ_SEED ?? 20260704);
const ROUNDS = Number(process.env.VITE_FUZZ_ROUNDS ?? 1);

/** mulberry32: small, fast, and the same sequence everywhere for one seed. */
function prng(seed: number) {
  let a = seed >>> 0;
  const next = () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
  const int = (n: number) => Math.floor(next() * n);
  const pick = <T>(items: readonly T[]): T => items[int(items.length)]!;
  return { next, int, pick };
}
type Rng = ReturnType<typeof prng>;

const ALNUM = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789";
/** Pieces a token or a path may be made of; each is what a browser or client could put on the wire. */
const PIECES = [
  ...ALNUM.split(""),
  "-",
  "_",
  "~",
  "!",
  "*",
  "'",
  "(",
  ")",
  ";",
  ":",
  "@",
  "&",
  "=",
  "+",
  "$",
  ",",
  "%20",
  "%2F",
  "%2f",
  "%2E%2E",
  "%2e",
  "%00",
  "%0A",
  "%0D%0A",
  "%25",
  "%zz",
  "%",
  "%E9",
  "%C3%A9",
  "%FF%FE",
  "%ED%A0%80",
  "%F0%9F%8E%89",
  "%5C",
  "%22",
  "%3C",
  "%3E",
  "%3Cscript%3E",
  "%27",
  "%60",
  "%7B",
  "%7D",
  "%7C",
  "%5E",
  "é",
  "🎉",
  "\u200b",
  "\u202e",
  "ß",
  "İ",
  "\uFEFF",
  "..",
  ".",
  "...",
  "ocinternal:",
];

/**
 * A path segment. The URL parser resolves a dot segment ("." or "..", "%2e" counting as a dot) away
 * before the Worker sees it, as every client's and Cloudflare's does, so such a segment gets a prefix.
 */
function segment(rng: Rng, maxPieces: number): string {
  const n = rng.int(maxPieces + 1);
  let out = "";
  for (let i = 0; i < n; i++) out += rng.pick(PIECES);
  return /^(\.|%2e){1,2}$/i.test(out) ? `x${out}` : out;
}

function longSegment(rng: Rng): string {
  return rng.pick(ALNUM.split("")).repeat(rng.pick([65, 256, 1024, 5000]));
}

function path(rng: Rng): string {
  const depth = rng.int(4);
  const parts: string[] = [];
  for (let i = 0; i < depth; i++) parts.push(segment(rng, 6) || "x");
  return parts.length ? `/${parts.join("/")}` : rng.pick(["", "/"]);
}

/** A token that is not one: random, very long, or a near miss of a real one. */
function fakeToken(rng: Rng, real: readonly string[]): string {
  const token = rng.pick(real);
  switch (rng.int(8)) {
    case 0:
      return longSegment(rng);
    case 1: {
      // One character changed.
      const at = rng.int(token.length);
      const swapped = ALNUM[(ALNUM.indexOf(token[at]!) + 1 + rng.int(ALNUM.length - 1)) % ALNUM.length]!;
      return token.slice(0, at) + swapped + token.slice(at + 1);
    }
    case 2:
      return token.slice(0, rng.int(token.length));
    case 3:
      return token + segment(rng, 3).replace(/^$/, "x");
    case 4:
      return token.toUpperCase() === token ? token.toLowerCase() : token.toUpperCase();
    case 5: {
      // An encoded slash, NUL or dot inside: a token's letters re-encoded would still be the token.
      const at = rng.int(token.length + 1);
      return token.slice(0, at) + rng.pick(["%2F", "%00", "%2E", "%20", "%0A"]) + token.slice(at);
    }
    default:
      return segment(rng, 24) || "x%00";
  }
}

const BAD_IDS = [
  "-1",
  "0",
  "-0",
  "1.5",
  "1e3",
  "1e308",
  "0x10",
  "9007199254740993",
  "99999999999999999999999",
  "NaN",
  "Infinity",
  "-Infinity",
  "abc",
  "%31",
  "1%00",
  "1%20",
  "%201",
  "ocinternal:1",
  "ocinternal:-1",
  "null",
  "undefined",
  "[]",
  "%7B%7D",
  "1;2",
  "1,2",
  "é",
  "🎉",
  "x%2E%2E",
];

function badId(rng: Rng, others: readonly number[]): string {
  switch (rng.int(4)) {
    case 0:
      return String(rng.pick(others));
    case 1:
      return String(-1 - rng.int(1_000_000));
    case 2:
      return segment(rng, 5) || "x";
    default:
      return rng.pick(BAD_IDS);
  }
}

const STRANGER = "fz-stranger";
/** An app password: a person's password costs PBKDF2 on every request, which would make a few hundred slow. */
let strangerAuth: [string, string];
let recipientAuth: [string, string];
/** A file of the owner's beside the shared folder: no answer through the folder's doors may show it. */
const SECRET_NAME = "dehors-secret.txt";
const SECRET = "SECRET-DEHORS";
let tokens: string[];
/** Ids of shares and files that exist, none of them the stranger's. */
let othersShareIds: number[];
let othersFileIds: number[];

beforeAll(async () => {
  await seedAdmin();
  for (const user of ["fz-owner", "fz-recipient", STRANGER]) await provisionUser(ADMIN, user);
  const service = systemFileService(env as unknown as Env, "fz-owner");
  const folder = await service.createFolder(await personalRoot(db(), "fz-owner"), "Dossier");
  const bytes = new TextEncoder().encode("secret");
  const file = (await service.write({ parent: folder, name: "a.txt", body: new Response(bytes).body, length: bytes.length })).node;
  tokens = [randomToken(15), randomToken(15), randomToken(15)];
  const made = [
    await insertShare(db(), { shareType: LINK_SHARE, nodeId: folder.id, initiatorId: "fz-owner", permissions: READ, token: tokens[0] }),
    await insertShare(db(), { shareType: LINK_SHARE, nodeId: folder.id, initiatorId: "fz-owner", permissions: CREATE, token: tokens[1] }),
    await insertShare(db(), {
      shareType: LINK_SHARE,
      nodeId: file.id,
      initiatorId: "fz-owner",
      permissions: READ,
      token: tokens[2],
      passwordHash: await hashPassword("Fuzz-Mot-De-Passe-1"),
    }),
    await insertShare(db(), { shareType: USER_SHARE, nodeId: folder.id, initiatorId: "fz-owner", shareWith: "fz-recipient", permissions: ALL }),
  ];
  othersShareIds = made.map((s) => s.id);
  othersFileIds = [folder.id, file.id, (await personalRoot(db(), "fz-owner")).id];
  const secret = new TextEncoder().encode(SECRET);
  await service.write({ parent: await personalRoot(db(), "fz-owner"), name: SECRET_NAME, body: new Response(secret).body, length: secret.length });
  strangerAuth = [STRANGER, await appPassword(STRANGER)];
  recipientAuth = ["fz-recipient", await appPassword("fz-recipient")];
});

async function appPassword(user: string): Promise<string> {
  const res = await call("/ocs/v2.php/core/getapppassword", { auth: [user, ADMIN[1]], headers: { "OCS-APIREQUEST": "true", Accept: "application/json" } });
  expect(res.status).toBe(200);
  return ((await res.json()) as { ocs: { data: { apppassword: string } } }).ocs.data.apppassword;
}

interface Probe {
  method: string;
  path: string;
  headers?: Record<string, string>;
  auth?: [string, string];
  body?: string;
}

const DAV_METHODS = ["GET", "HEAD", "PROPFIND", "PUT", "DELETE", "MKCOL", "MOVE", "COPY", "OPTIONS", "LOCK", "POST"];

function publicProbe(rng: Rng): Probe {
  const token = fakeToken(rng, tokens);
  const method = rng.pick(DAV_METHODS);
  const body = method === "PUT" || method === "POST" ? "données" : undefined;
  const destination = { Destination: ascii(`http://cumulus.test/public.php/dav/files/${fakeToken(rng, tokens)}/x`) };
  switch (rng.int(5)) {
    case 0:
      // Not /s/{token}/file-drop.js: the same static script for every link, which opens nothing.
      return { method: rng.pick(["GET", "HEAD"]), path: `/s/${token}${rng.pick(["", "/download", `/download?path=${path(rng)}`, `?path=${path(rng)}`, path(rng)])}` };
    case 1:
      return { method: "POST", path: `/s/${token}/authenticate`, headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: `password=${segment(rng, 8)}` };
    case 2:
      return { method, path: `/public.php/dav/files/${token}${path(rng)}`, headers: { Depth: "1", ...destination }, body };
    case 3:
      // The legacy door: the token is the Basic user, the password may be anything.
      return { method, path: `/public.php/webdav${path(rng)}`, headers: { Depth: "1", Authorization: basic(decodeURIComponentSafe(token), segment(rng, 6)), ...destination }, body };
    default:
      return { method: "GET", path: `/f/${badId(rng, othersFileIds)}`, auth: strangerAuth };
  }
}

function idProbe(rng: Rng): Probe {
  const id = badId(rng, othersShareIds);
  const fileId = badId(rng, othersFileIds);
  const ocs = "/ocs/v2.php/apps/files_sharing/api/v1";
  const form = { "Content-Type": "application/x-www-form-urlencoded", "OCS-APIREQUEST": "true", Accept: "application/json" };
  const probes: Probe[] = [
    { method: "GET", path: `${ocs}/shares/${id}`, headers: form },
    { method: "PUT", path: `${ocs}/shares/${id}`, headers: form, body: `permissions=${rng.pick(["1", "31", "-1", "abc"])}` },
    { method: "DELETE", path: `${ocs}/shares/${id}`, headers: form },
    { method: "POST", path: `${ocs}/shares/pending/${id}`, headers: form },
    { method: "DELETE", path: `${ocs}/shares/pending/${id}`, headers: form },
    { method: "POST", path: `${ocs}/deletedshares/${id}`, headers: form },
    { method: "GET", path: `/ocs/v1.php/apps/files_sharing/api/v1/shares/${id}`, headers: form },
    { method: "GET", path: `/api/access/${fileId}` },
    { method: "GET", path: `/api/files/${fileId}` },
    { method: "GET", path: `/api/files/${fileId}/content` },
    { method: "DELETE", path: `/api/files/${fileId}` },
    { method: "PATCH", path: `/api/files/${fileId}`, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "volé" }) },
    { method: "PUT", path: `/api/files/${fileId}/content?name=x.txt`, body: "x" },
    { method: "POST", path: `/api/collab/${fileId}/token` },
  ];
  return { ...rng.pick(probes), auth: strangerAuth };
}

/** Header values go on the wire as ASCII: other characters as their UTF-8 percent-encoding, as clients send a Destination. */
const ascii = (text: string) => text.replace(/[^\x20-\x7e]/gu, (ch) => encodeURIComponent(ch));

const CHANGING = new Set(["PUT", "DELETE", "MKCOL", "MOVE", "COPY", "PROPPATCH", "LOCK", "POST"]);

/** Garbage paths below doors that do open: the read-only folder link, and a recipient's mount. */
function realDoorProbe(rng: Rng): Probe {
  const method = rng.pick([...DAV_METHODS, "PROPPATCH"]);
  const body = method === "PUT" || method === "POST" ? "données" : method === "PROPPATCH" ? "<d:propertyupdate xmlns:d='DAV:'/>" : undefined;
  const where = path(rng);
  switch (rng.int(4)) {
    case 0:
      return { method, path: `/public.php/dav/files/${tokens[0]}${where}`, headers: { Depth: rng.pick(["0", "1", "infinity"]), Destination: ascii(`http://cumulus.test/public.php/dav/files/${tokens[0]}${path(rng)}`) }, body };
    case 1:
      return { method, path: `/public.php/webdav${where}`, headers: { Depth: "1", Authorization: basic(tokens[0]!, "") }, body };
    case 2:
      return { method: "GET", path: `/s/${tokens[0]}${rng.pick(["", "/download"])}?path=${ascii(path(rng)).replace(/[?#&]/g, encodeURIComponent)}` };
    default: {
      // A recipient reads around their mount (writes in it are theirs to make, and tested elsewhere).
      const method = rng.pick(["GET", "HEAD", "PROPFIND"]);
      const user = rng.pick(["fz-recipient", "fz-owner"]);
      return { method, path: `/remote.php/dav/files/${user}/Dossier${where}`, headers: { Depth: rng.pick(["0", "1"]) }, auth: recipientAuth };
    }
  }
}

/** Through a door that opens, garbage may be found or refused, never break, never reach outside, never change a read-only link. */
function judgeRealDoor(probe: Probe, status: number, body: string): string | null {
  if (status >= 500) return `→ ${status}`;
  if (body.includes(SECRET) || body.includes(SECRET_NAME)) return `→ ${status} shows the owner's file outside the share`;
  if (!probe.path.startsWith("/remote.php") && !probe.path.startsWith("/s/") && CHANGING.has(probe.method) && status < 400) return `→ ${status} changed a read-only link`;
  return null;
}

const judgeGarbage = (_probe: Probe, status: number) => (status < 400 || status >= 500 ? `→ ${status}` : null);

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * The v1 OCS door answers 200 with the failure in its envelope, as Nextcloud's does; for it, the
 * envelope's status code is the answer.
 */
function statusOf(probe: Probe, res: Response, text: string): number {
  if (probe.path.startsWith("/ocs/v1.php") && res.status === 200) {
    const code = Number(/"statuscode":(\d+)/.exec(text)?.[1]);
    return code === 100 ? 200 : code;
  }
  return res.status;
}

async function run(label: string, make: (rng: Rng) => Probe, count: number, judge: (probe: Probe, status: number, body: string) => string | null = judgeGarbage) {
  for (let round = 0; round < ROUNDS; round++) {
    const seed = SEED + round;
    const rng = prng(seed);
    const failures: string[] = [];
    for (let i = 0; i < count; i++) {
      const probe = make(rng);
      let problem: string | null;
      try {
        const res = await call(probe.path, { method: probe.method, headers: probe.headers, auth: probe.auth, body: probe.body, redirect: "manual" });
        const text = await res.text();
        problem = judge(probe, statusOf(probe, res, text), text);
      } catch (error) {
        problem = `threw ${String(error)}`;
      }
      if (problem) failures.push(`#${i} ${probe.method} ${probe.path.slice(0, 200)} ${problem}`);
    }
    expect(failures, `${label}, VITE_FUZZ_SEED=${seed}`).toEqual([]);
  }
}

describe("fuzzing the public doors and share ids", () => {
  it("answers a 4xx to every garbage token and path at /s/, /public.php/dav/files/, /public.php/webdav/ and /f/", async () => {
    await run("public doors", publicProbe, 250);
  }, 60_000 * ROUNDS);

  it("answers a 4xx to every garbage or foreign id on the share, access and files APIs", async () => {
    await run("ids", idProbe, 150);
  }, 60_000 * ROUNDS);

  it("keeps garbage paths below a live link or a mount inside it: no 5xx, nothing outside shown, a read-only link unchanged", async () => {
    await run("real doors", realDoorProbe, 150, judgeRealDoor);
    const listing = await call(`/remote.php/dav/files/fz-owner/Dossier`, { method: "PROPFIND", auth: recipientAuth, headers: { Depth: "1" } });
    expect(listing.status).toBe(403);
  }, 60_000 * ROUNDS);

  it("still opens the real links afterwards (the garbage locked nothing out)", async () => {
    expect((await call(`/public.php/dav/files/${tokens[0]}/a.txt`)).status).toBe(200);
    expect((await call(`/s/${tokens[0]}`)).status).toBe(200);
  });
});
