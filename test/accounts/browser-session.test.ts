import { beforeAll, describe, expect, it } from "vitest";
import { call, seedAdmin, STRONG_PASSWORD } from "../support/accounts";

async function login() {
  const res = await call("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ login: "admin", password: STRONG_PASSWORD }) });
  expect(res.status).toBe(200);
  const setCookie = res.headers.get("Set-Cookie")!;
  const { csrfToken } = await res.json<{ csrfToken: string }>();
  return { setCookie, cookie: setCookie.split(";")[0]!, csrfToken };
}

describe("browser sessions", () => {
  beforeAll(async () => {
    await seedAdmin();
  });

  it("set an HttpOnly, SameSite=Lax cookie", async () => {
    const { setCookie } = await login();
    expect(setCookie).toMatch(/^cumulus_session=[A-Za-z0-9]{48};/);
    expect(setCookie).toContain("HttpOnly");
    expect(setCookie).toContain("SameSite=Lax");
  });

  it("refuse a state-changing request without the CSRF token", async () => {
    const { cookie, csrfToken } = await login();
    const body = JSON.stringify({ name: "Navigateur" });
    const headers = { Cookie: cookie, "Content-Type": "application/json" };
    expect((await call("/api/account/app-passwords", { method: "POST", headers, body })).status).toBe(403);
    expect((await call("/api/account/app-passwords", { method: "POST", headers: { ...headers, requesttoken: "wrong" }, body })).status).toBe(403);
    expect((await call("/api/account/app-passwords", { method: "POST", headers: { ...headers, requesttoken: csrfToken }, body })).status).toBe(201);
  });

  it("end at logout", async () => {
    const { cookie, csrfToken } = await login();
    expect((await call("/api/auth/me", { headers: { Cookie: cookie } })).status).toBe(200);
    expect((await call("/api/auth/logout", { method: "POST", headers: { Cookie: cookie, requesttoken: csrfToken } })).status).toBe(204);
    expect((await call("/api/auth/me", { headers: { Cookie: cookie } })).status).toBe(401);
  });

  it("show the password policy before login", async () => {
    const res = await call("/api/auth/password-policy");
    expect(await res.json()).toEqual({ minLength: 10, require: ["upper", "lower", "digit", "special"] });
  });
});
