import { beforeAll, describe, expect, it } from "vitest";
import { call, STRONG_PASSWORD } from "../support/accounts";
import { lifecycleUser } from "../support/lifecycle";

const u = lifecycleUser("dav-web-session");

async function login() {
  const res = await call("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ login: u.id, password: STRONG_PASSWORD }) });
  expect(res.status).toBe(200);
  const { csrfToken } = await res.json<{ csrfToken: string }>();
  return { cookie: res.headers.get("Set-Cookie")!.split(";")[0]!, csrfToken };
}

/** The web app's large uploads: chunking v2 over WebDAV with the browser's session, as its upload panel sends them. */
describe("chunked upload from the web app's session", () => {
  beforeAll(async () => {
    await u.seed();
  });

  it("writes only with the requesttoken header, lists chunks with the cookie alone, and resumes", async () => {
    const { cookie, csrfToken } = await login();
    const upload = `/remote.php/dav/uploads/${u.id}/web-1`;
    const destination = `http://cumulus.test/remote.php/dav/files/${u.id}/rapport%20final.bin`;
    const write = (method: string, path: string, init: { headers?: Record<string, string>; body?: string } = {}) =>
      call(path, { method, body: init.body, headers: { Cookie: cookie, requesttoken: csrfToken, Destination: destination, ...init.headers } });

    expect((await call(upload, { method: "MKCOL", headers: { Cookie: cookie, Destination: destination } })).status).toBe(403);
    expect((await call(upload, { method: "MKCOL", headers: { Cookie: cookie, Destination: destination, requesttoken: "faux" } })).status).toBe(403);
    expect((await write("MKCOL", upload, { headers: { "OC-Total-Length": "9" } })).status).toBe(201);
    expect((await call(`${upload}/1`, { method: "PUT", body: "abc", headers: { Cookie: cookie } })).status).toBe(403);
    expect((await write("PUT", `${upload}/1`, { body: "abc" })).status).toBe(201);
    expect((await write("PUT", `${upload}/3`, { body: "ghi" })).status).toBe(201);

    // Resuming: what the server holds, read with the cookie alone (PROPFIND changes nothing).
    const listing = await call(upload, { method: "PROPFIND", headers: { Cookie: cookie, Depth: "1" } });
    expect(listing.status).toBe(207);
    const xml = await listing.text();
    expect(xml).toContain(`${upload}/1</d:href>`);
    expect(xml).toContain(`${upload}/3</d:href>`);
    expect(xml).not.toContain(`${upload}/2</d:href>`);

    expect((await write("PUT", `${upload}/2`, { body: "def" })).status).toBe(201);
    expect((await call(`${upload}/.file`, { method: "MOVE", headers: { Cookie: cookie, Destination: destination, "OC-Total-Length": "9" } })).status).toBe(403);
    expect((await write("MOVE", `${upload}/.file`, { headers: { "OC-Total-Length": "9", "X-OC-Mtime": "1700000000" } })).status).toBe(201);
    expect(await u.text("/rapport final.bin")).toBe("abcdefghi");
    expect((await u.node("/rapport final.bin"))?.mtime).toBe(1700000000);
  });

  it("cancels with the requesttoken header only", async () => {
    const { cookie, csrfToken } = await login();
    const upload = `/remote.php/dav/uploads/${u.id}/web-2`;
    const destination = `http://cumulus.test/remote.php/dav/files/${u.id}/abandon.bin`;
    expect((await call(upload, { method: "MKCOL", headers: { Cookie: cookie, requesttoken: csrfToken, Destination: destination } })).status).toBe(201);
    expect((await call(upload, { method: "DELETE", headers: { Cookie: cookie } })).status).toBe(403);
    expect((await call(upload, { method: "DELETE", headers: { Cookie: cookie, requesttoken: csrfToken } })).status).toBe(204);
    expect((await call(upload, { method: "PROPFIND", headers: { Cookie: cookie, Depth: "0" } })).status).toBe(404);
  });
});
