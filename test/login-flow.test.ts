import { beforeAll, describe, expect, it } from "vitest";
import { call, ocs, seedAdmin, STRONG_PASSWORD } from "./support/accounts";

const form = (fields: Record<string, string>) => ({
  method: "POST",
  redirect: "manual" as const,
  headers: { "Content-Type": "application/x-www-form-urlencoded", "Accept-Language": "fr-FR,fr;q=0.9" },
  body: new URLSearchParams(fields).toString(),
});

describe("Login Flow v2", () => {
  beforeAll(async () => {
    await seedAdmin();
  });

  it("gives the desktop client an app password once the user grants access in the browser", async () => {
    const started = await call("/index.php/login/v2", { method: "POST", headers: { "User-Agent": "Nextcloud desktop 3.7.3" } });
    expect(started.status).toBe(200);
    const { poll, login } = await started.json<{ poll: { token: string; endpoint: string }; login: string }>();
    expect(poll.endpoint).toBe("http://cumulus.test/index.php/login/v2/poll");
    const flowPath = new URL(login).pathname;

    expect((await call("/index.php/login/v2/poll", form({ token: poll.token }))).status).toBe(404);

    const loginPage = await call(flowPath, { headers: { "Accept-Language": "fr-FR" } });
    expect(loginPage.headers.get("Content-Security-Policy")).toContain("default-src 'none'");
    const loginHtml = await loginPage.text();
    expect(loginHtml).toContain("Nextcloud desktop 3.7.3");
    expect(loginHtml).toContain("Se connecter");

    const wrong = await call(flowPath, form({ action: "login", login: "admin", password: "Faux-mot-2-passe" }));
    expect(wrong.status).toBe(401);
    expect(await wrong.text()).toContain("Identifiant ou mot de passe incorrect");

    const loggedIn = await call(flowPath, form({ action: "login", login: "admin", password: STRONG_PASSWORD }));
    expect(loggedIn.status).toBe(303);
    const cookie = loggedIn.headers.get("Set-Cookie")!.split(";")[0]!;

    const grantHtml = await (await call(flowPath, { headers: { Cookie: cookie } })).text();
    const csrf = /name="requesttoken" value="([A-Za-z0-9]+)"/.exec(grantHtml)![1]!;

    const forged = await call(flowPath, { ...form({ action: "grant" }), headers: { ...form({}).headers, Cookie: cookie } });
    expect(forged.status).toBe(403);

    const granted = await call(flowPath, { ...form({ action: "grant", requesttoken: csrf }), headers: { ...form({}).headers, Cookie: cookie } });
    expect(granted.status).toBe(200);

    const answer = await call("/index.php/login/v2/poll", form({ token: poll.token }));
    expect(answer.status).toBe(200);
    const { server, loginName, appPassword } = await answer.json<{ server: string; loginName: string; appPassword: string }>();
    expect({ server, loginName }).toEqual({ server: "http://cumulus.test", loginName: "admin" });
    expect((await ocs("/ocs/v2.php/cloud/user", { auth: ["admin", appPassword] })).status).toBe(200);

    // The poll token works once.
    expect((await call("/index.php/login/v2/poll", form({ token: poll.token }))).status).toBe(404);
  });

  it("escapes the client's name in the page", async () => {
    const started = await call("/index.php/login/v2", { method: "POST", headers: { "User-Agent": "<script>alert(1)</script>" } });
    const { login } = await started.json<{ login: string }>();
    const html = await (await call(new URL(login).pathname)).text();
    expect(html).not.toContain("<script>");
    expect(html).toContain("&lt;script&gt;");
  });

  it("answers an unknown flow with 404", async () => {
    expect((await call("/index.php/login/v2/flow/nope")).status).toBe(404);
  });
});
