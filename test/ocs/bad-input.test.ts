import { beforeAll, describe, expect, it } from "vitest";
import { call, ocs, seedAdmin, STRONG_PASSWORD } from "../support/accounts";

const admin: [string, string] = ["admin", STRONG_PASSWORD];
const statuscode = async (res: Response) => (await res.json<{ ocs: { meta: { statuscode: number; message: string } } }>()).ocs.meta;

describe("bad input to the provisioning API", () => {
  beforeAll(async () => {
    await seedAdmin();
  });

  it("answers malformed JSON with 400 and a clear message", async () => {
    const res = await ocs("/ocs/v2.php/cloud/users", { method: "POST", auth: admin, headers: { "Content-Type": "application/json" }, body: "{not json" });
    expect(res.status).toBe(400);
    expect((await statuscode(res)).message).toMatch(/malformed json/i);
  });

  it("answers unknown fields and overlong values with 400", async () => {
    const unknown = await ocs("/ocs/v2.php/cloud/users", { method: "POST", auth: admin, form: { userid: "lea", password: STRONG_PASSWORD, colour: "blue" } });
    expect(unknown.status).toBe(400);
    expect((await statuscode(unknown)).message).toContain("colour");
    const long = await ocs("/ocs/v2.php/cloud/users", { method: "POST", auth: admin, form: { userid: "x".repeat(65), password: STRONG_PASSWORD } });
    expect(long.status).toBe(400);
    expect((await statuscode(long)).message).toContain("64");
  });

  it("refuses a weak password with Nextcloud's hint code 107", async () => {
    const res = await ocs("/ocs/v2.php/cloud/users", { method: "POST", auth: admin, form: { userid: "lea", password: "motdepasse" } });
    expect(res.status).toBe(400);
    expect(await statuscode(res)).toMatchObject({ statuscode: 107 });
  });

  it("refuses a duplicate account (102) and an unknown group (104)", async () => {
    expect((await statuscode(await ocs("/ocs/v2.php/cloud/users", { method: "POST", auth: admin, form: { userid: "admin", password: STRONG_PASSWORD } }))).statuscode).toBe(102);
    expect((await statuscode(await ocs("/ocs/v2.php/cloud/users", { method: "POST", auth: admin, form: { userid: "lea", password: STRONG_PASSWORD, groups: ["nope"] } }))).statuscode).toBe(104);
  });

  it("answers a wrong password with 401", async () => {
    expect((await ocs("/ocs/v2.php/cloud/user", { auth: ["admin", "Wrong-Password-1"] })).status).toBe(401);
  });

  it("answers bad JSON to the REST API with 400 in the JSON error shape", async () => {
    const res = await call("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: "[" });
    expect(res.status).toBe(400);
    expect(await res.json()).toMatchObject({ error: { code: "bad_request" } });
    const extra = await call("/api/auth/login", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ login: "a", password: "b", remember: true }) });
    expect(extra.status).toBe(400);
    expect(await extra.json()).toMatchObject({ error: { code: "invalid_input", message: expect.stringContaining("remember") } });
  });
});
