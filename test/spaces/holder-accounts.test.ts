import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { spaces, users } from "../../schema/core";
import { createAppPassword } from "../../workers/accounts/app-passwords";
import { hashPassword } from "../../workers/accounts/password-hash";
import { createSession, SESSION_COOKIE } from "../../workers/accounts/sessions";
import { grantFlow, startFlow } from "../../workers/login-flow/store";
import { basic, call, db, ocs, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { createOrg, provisionUser } from "../support/orgs";
import { api, createSpace, type Auth } from "./support";

const admin: Auth = ["admin", STRONG_PASSWORD];
const HOLDER_EMAIL = "bureau@codep34.fr";

async function ocsData<T>(res: Response): Promise<T> {
  return ((await res.json()) as { ocs: { data: T } }).ocs.data;
}

/**
 * A holder account never logs in, whatever it is given. To test the doors themselves rather than the
 * unusable password, the holder is given here what a person would need: an e-mail, a real password,
 * an app password, a session, a granted Login Flow.
 */
describe("a space's holder account", () => {
  let holderId: string;
  let orgAdmin: Auth;

  beforeAll(async () => {
    await seedAdmin();
    await createOrg(admin, "codep34", "Codep 34");
    orgAdmin = await provisionUser(admin, "marie", ["codep34"]);
    expect((await ocs("/ocs/v2.php/cloud/users/marie/subadmins", { method: "POST", auth: admin, form: { groupid: "codep34" } })).status).toBe(200);
    const space = await createSpace(admin, { name: "Bureau", orgId: "codep34" });
    holderId = (await db().query.spaces.findFirst({ where: eq(spaces.id, space.id) }))!.holderId;
    await db().update(users).set({ email: HOLDER_EMAIL, passwordHash: await hashPassword(STRONG_PASSWORD) }).where(eq(users.id, holderId));
  });

  it("has an id no person can have", async () => {
    expect(holderId).toMatch(/^space:/);
    const res = await ocs("/ocs/v2.php/cloud/users", { method: "POST", auth: admin, form: { userid: holderId, password: STRONG_PASSWORD } });
    expect(res.status).toBe(400);
  });

  it("cannot log in with Basic auth (401), by e-mail or by id", async () => {
    for (const login of [HOLDER_EMAIL, holderId]) {
      const res = await call("/remote.php/dav/files/" + encodeURIComponent(holderId) + "/", { method: "PROPFIND", headers: { Authorization: basic(login, STRONG_PASSWORD), Depth: "0" } });
      expect(res.status, login).toBe(401);
    }
    expect((await call("/ocs/v2.php/cloud/user", { headers: { Authorization: basic(HOLDER_EMAIL, STRONG_PASSWORD), "OCS-APIREQUEST": "true" } })).status).toBe(401);
  });

  it("cannot log in through the browser form", async () => {
    for (const login of [HOLDER_EMAIL, holderId]) {
      const res = await call("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ login, password: STRONG_PASSWORD }) });
      expect(res.status, login).toBe(401);
    }
  });

  it("cannot use an app password, a session or a Login Flow", async () => {
    const { token } = await createAppPassword(db(), holderId, "intrus");
    expect((await call("/api/auth/me", { headers: { Authorization: basic(HOLDER_EMAIL, token) } })).status).toBe(401);
    const session = await createSession(db(), holderId, 3600);
    expect((await call("/api/auth/me", { headers: { Cookie: `${SESSION_COOKIE}=${session.cookieValue}` } })).status).toBe(401);
    const flow = await startFlow(db(), "Nextcloud desktop");
    await grantFlow(db(), flow.loginToken, holderId);
    const poll = await call("/index.php/login/v2/poll", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ token: flow.pollToken }).toString() });
    expect(poll.status).toBe(404);
  });

  it("is not listed by the provisioning API, even when searched for", async () => {
    for (const actor of [admin, orgAdmin]) {
      for (const search of ["", "space", "Bureau", "codep34.fr"]) {
        const listed = await ocsData<{ users: string[] }>(await ocs(`/ocs/v2.php/cloud/users?search=${encodeURIComponent(search)}`, { auth: actor }));
        expect(listed.users, `${actor[0]} "${search}"`).not.toContain(holderId);
      }
    }
    const members = await ocsData<{ users: string[] }>(await ocs("/ocs/v2.php/cloud/groups/codep34", { auth: admin }));
    expect(members.users).not.toContain(holderId);
  });

  it("cannot be read, changed, disabled, grouped or deleted through the provisioning API (404)", async () => {
    const at = `/ocs/v2.php/cloud/users/${encodeURIComponent(holderId)}`;
    expect((await ocs(at, { auth: admin })).status).toBe(404);
    expect((await ocs(at, { method: "PUT", auth: admin, form: { key: "password", value: "Un-Autre-Mot-2-passe" } })).status).toBe(404);
    expect((await ocs(`${at}/disable`, { method: "PUT", auth: admin })).status).toBe(404);
    expect((await ocs(`${at}/groups`, { method: "POST", auth: admin, form: { groupid: "codep34" } })).status).toBe(404);
    expect((await ocs(`${at}/subadmins`, { method: "POST", auth: admin, form: { groupid: "codep34" } })).status).toBe(404);
    expect((await ocs(at, { method: "DELETE", auth: admin })).status).toBe(404);
    expect(await db().query.users.findFirst({ where: eq(users.id, holderId) })).toMatchObject({ kind: "space", enabled: true });
  });

  it("cannot be given a role in a space", async () => {
    const other = await createSpace(admin, { name: "Autre", orgId: "codep34" });
    expect((await api(`/api/admin/spaces/${other.id}/members`, admin, "PUT", { type: "user", id: holderId, role: "read" })).status).toBe(400);
  });
});
