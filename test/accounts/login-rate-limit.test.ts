import { beforeAll, describe, expect, it } from "vitest";
import { call, ocs, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";

describe("login rate limiting", () => {
  beforeAll(async () => {
    await seedAdmin();
    await provisionUser(["admin", STRONG_PASSWORD], "victime");
  });

  it("refuses even the right password after too many failures for a login name", async () => {
    for (let i = 0; i < 10; i++) {
      expect((await ocs("/ocs/v2.php/cloud/user", { auth: ["victime", `Wrong-guess-${i}!`] })).status).toBe(401);
    }
    const blocked = await ocs("/ocs/v2.php/cloud/user", { auth: ["victime", STRONG_PASSWORD] });
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    const web = await call("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ login: "victime", password: STRONG_PASSWORD }) });
    expect(web.status).toBe(429);
    expect(await web.json()).toMatchObject({ error: { code: "too_many_requests" } });
  });

  it("does not lock out other accounts behind the same address", async () => {
    expect((await ocs("/ocs/v2.php/cloud/user", { auth: ["admin", STRONG_PASSWORD] })).status).toBe(200);
  });
});
