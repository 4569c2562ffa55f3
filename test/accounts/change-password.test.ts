import { beforeAll, describe, expect, it } from "vitest";
import { call, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";

const json = (body: unknown) => ({ method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify(body) });

describe("changing one's own password", () => {
  beforeAll(async () => {
    await seedAdmin();
    await provisionUser(["admin", STRONG_PASSWORD], "ines");
  });

  it("needs the current password, keeps the policy, and logs out other browsers", async () => {
    const other = await call("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ login: "ines", password: STRONG_PASSWORD }) });
    const otherCookie = other.headers.get("Set-Cookie")!.split(";")[0]!;

    expect((await call("/api/account/password", { ...json({ currentPassword: "Pas-le-bon-1!", newPassword: "Nouveau-Secret-2026!" }), auth: ["ines", STRONG_PASSWORD] })).status).toBe(401);
    expect((await call("/api/account/password", { ...json({ currentPassword: STRONG_PASSWORD, newPassword: "faible" }), auth: ["ines", STRONG_PASSWORD] })).status).toBe(400);
    expect((await call("/api/account/password", { ...json({ currentPassword: STRONG_PASSWORD, newPassword: "Nouveau-Secret-2026!" }), auth: ["ines", STRONG_PASSWORD] })).status).toBe(204);

    expect((await call("/api/auth/me", { auth: ["ines", STRONG_PASSWORD] })).status).toBe(401);
    expect((await call("/api/auth/me", { auth: ["ines", "Nouveau-Secret-2026!"] })).status).toBe(200);
    expect((await call("/api/auth/me", { headers: { Cookie: otherCookie } })).status).toBe(401);
  });
});
