import { beforeAll, describe, expect, it } from "vitest";
import { call, STRONG_PASSWORD } from "../support/accounts";
import { lifecycleUser } from "../support/lifecycle";

const u = lifecycleUser("api-session");

async function login() {
  const res = await call("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ login: u.id, password: STRONG_PASSWORD }) });
  expect(res.status).toBe(200);
  const { csrfToken } = await res.json<{ csrfToken: string }>();
  return { cookie: res.headers.get("Set-Cookie")!.split(";")[0]!, csrfToken };
}

describe("files API from the web app's session", () => {
  beforeAll(async () => {
    await u.seed();
  });

  it("reads with the cookie alone, and changes only with the requesttoken header", async () => {
    const { cookie, csrfToken } = await login();
    const root = await call("/api/files/root", { headers: { Cookie: cookie } });
    expect(root.status).toBe(200);
    const rootId = (await root.json<{ node: { id: number } }>()).node.id;
    const headers = { Cookie: cookie, "Content-Type": "application/json" };
    const body = JSON.stringify({ name: "Depuis le web" });
    expect((await call(`/api/files/${rootId}/folders`, { method: "POST", headers, body })).status).toBe(403);
    expect((await call(`/api/files/${rootId}/folders`, { method: "POST", headers: { ...headers, requesttoken: "faux" }, body })).status).toBe(403);
    expect((await call(`/api/files/${rootId}/folders`, { method: "POST", headers: { ...headers, requesttoken: csrfToken }, body })).status).toBe(201);
    const upload = await call(`/api/files/${rootId}/content?name=web.txt`, { method: "PUT", headers: { Cookie: cookie, requesttoken: csrfToken }, body: "depuis le navigateur" });
    expect(upload.status).toBe(201);
    expect(await u.text("/web.txt")).toBe("depuis le navigateur");
  });
});
