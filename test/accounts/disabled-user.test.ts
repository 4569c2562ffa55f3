import { beforeAll, describe, expect, it } from "vitest";
import { call, ocs, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";

const admin: [string, string] = ["admin", STRONG_PASSWORD];

describe("a disabled user", () => {
  beforeAll(async () => {
    await seedAdmin();
  });

  it("can no longer log in with any credential, and their sessions end", async () => {
    const user = await provisionUser(admin, "hugo");
    const token = (await (await ocs("/ocs/v2.php/core/getapppassword", { auth: user })).json<{ ocs: { data: { apppassword: string } } }>()).ocs.data.apppassword;
    const login = await call("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ login: "hugo", password: STRONG_PASSWORD }) });
    const cookie = login.headers.get("Set-Cookie")!.split(";")[0]!;

    expect((await ocs("/ocs/v2.php/cloud/users/hugo/disable", { method: "PUT", auth: admin })).status).toBe(200);

    expect((await ocs("/ocs/v2.php/cloud/user", { auth: user })).status).toBe(401);
    expect((await ocs("/ocs/v2.php/cloud/user", { auth: ["hugo", token] })).status).toBe(401);
    expect((await call("/api/auth/me", { headers: { Cookie: cookie } })).status).toBe(401);
    const again = await call("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ login: "hugo", password: STRONG_PASSWORD }) });
    expect(again.status).toBe(401);

    expect((await ocs("/ocs/v2.php/cloud/users/hugo/enable", { method: "PUT", auth: admin })).status).toBe(200);
    expect((await ocs("/ocs/v2.php/cloud/user", { auth: ["hugo", token] })).status).toBe(200);
  });

  it("cannot be the admin themselves", async () => {
    expect((await ocs("/ocs/v2.php/cloud/users/admin/disable", { method: "PUT", auth: admin })).status).toBe(403);
  });
});
