import { beforeAll, describe, expect, it } from "vitest";
import { call, ocs, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";

type OcsBody<T> = { ocs: { meta: { statuscode: number }; data: T } };

describe("app passwords", () => {
  let user: [string, string];
  beforeAll(async () => {
    await seedAdmin();
    user = await provisionUser(["admin", STRONG_PASSWORD], "camille");
  });

  it("are issued for a real password, work, and stop working once revoked", async () => {
    const issued = await ocs("/ocs/v2.php/core/getapppassword", { auth: user, headers: { "User-Agent": "Mozilla/5.0 (Linux) mirall/3.7.3" } });
    expect(issued.status).toBe(200);
    const token = (await issued.json<OcsBody<{ apppassword: string }>>()).ocs.data.apppassword;
    expect(token).toMatch(/^[A-Za-z0-9]{72}$/);
    const device: [string, string] = ["camille", token];

    expect((await ocs("/ocs/v2.php/cloud/user", { auth: device })).status).toBe(200);
    const listed = await call("/api/account/app-passwords", { auth: user });
    expect((await listed.json<{ appPasswords: { name: string }[] }>()).appPasswords).toEqual([
      expect.objectContaining({ name: "Mozilla/5.0 (Linux) mirall/3.7.3" }),
    ]);

    // A device may not mint more tokens with its own.
    expect((await ocs("/ocs/v2.php/core/getapppassword", { auth: device })).status).toBe(403);

    expect((await ocs("/ocs/v2.php/core/apppassword", { method: "DELETE", auth: device })).status).toBe(200);
    expect((await ocs("/ocs/v2.php/cloud/user", { auth: device })).status).toBe(401);
  });

  it("can be created, listed and revoked from the settings API, and a revoked one gets 401", async () => {
    const created = await call("/api/account/app-passwords", { method: "POST", auth: user, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "Téléphone" }) });
    expect(created.status).toBe(201);
    const { id, token } = await created.json<{ id: number; token: string }>();
    expect((await call("/api/auth/me", { auth: ["camille", token] })).status).toBe(200);
    expect((await call(`/api/account/app-passwords/${id}`, { method: "DELETE", auth: user })).status).toBe(204);
    expect((await call("/api/auth/me", { auth: ["camille", token] })).status).toBe(401);
  });

  it("cannot be revoked by someone else", async () => {
    const created = await call("/api/account/app-passwords", { method: "POST", auth: user, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "Portable" }) });
    const { id, token } = await created.json<{ id: number; token: string }>();
    expect((await call(`/api/account/app-passwords/${id}`, { method: "DELETE", auth: ["admin", STRONG_PASSWORD] })).status).toBe(404);
    expect((await call("/api/auth/me", { auth: ["camille", token] })).status).toBe(200);
  });

  it("only works with the login name it belongs to", async () => {
    const created = await call("/api/account/app-passwords", { method: "POST", auth: user, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "rclone" }) });
    const { token } = await created.json<{ token: string }>();
    expect((await call("/api/auth/me", { auth: ["admin", token] })).status).toBe(401);
  });
});
