import { beforeAll, describe, expect, it } from "vitest";
import { call, ocs, seedAdmin, STRONG_PASSWORD } from "../support/accounts";

const admin: [string, string] = ["admin", STRONG_PASSWORD];

describe("OCS envelope", () => {
  beforeAll(async () => {
    await seedAdmin();
  });

  it("answers XML by default and JSON with format=json or Accept", async () => {
    const xml = await call("/ocs/v2.php/cloud/capabilities", { auth: admin, headers: { "OCS-APIREQUEST": "true" } });
    expect(xml.headers.get("Content-Type")).toContain("application/xml");
    const text = await xml.text();
    expect(text).toContain("<statuscode>200</statuscode>");
    expect(text).toContain("<chunking>1.0</chunking>");
    const json = await call("/ocs/v1.php/cloud/capabilities?format=json", { auth: admin });
    const body = await json.json<{ ocs: { meta: { statuscode: number }; data: { capabilities: Record<string, unknown> } } }>();
    expect(body.ocs.meta.statuscode).toBe(100);
    expect(body.ocs.data.capabilities).toMatchObject({ core: { pollinterval: 60 }, dav: { chunking: "1.0" }, files: { bigfilechunking: true } });
    expect(body.ocs.data.capabilities).not.toHaveProperty("files.locking");
  });

  it("answers 997 with HTTP 401 without credentials, on v1 and v2", async () => {
    for (const version of ["v1", "v2"]) {
      const res = await ocs(`/ocs/${version}.php/cloud/user`);
      expect(res.status).toBe(401);
      expect((await res.json<{ ocs: { meta: { statuscode: number } } }>()).ocs.meta.statuscode).toBe(997);
    }
  });

  it("keeps HTTP 200 on v1 for a refusal, and the real status on v2", async () => {
    await ocs("/ocs/v2.php/cloud/users", { method: "POST", auth: admin, form: { userid: "lea", password: STRONG_PASSWORD } });
    const lea: [string, string] = ["lea", STRONG_PASSWORD];
    const v1 = await ocs("/ocs/v1.php/cloud/users", { auth: lea });
    expect(v1.status).toBe(200);
    expect((await v1.json<{ ocs: { meta: { statuscode: number; status: string } } }>()).ocs.meta).toMatchObject({ statuscode: 403, status: "failure" });
    expect((await ocs("/ocs/v2.php/cloud/users", { auth: lea })).status).toBe(403);
  });

  it("gives /cloud/user the id and display name the desktop client reads", async () => {
    const res = await ocs("/ocs/v1.php/cloud/user?format=json", { auth: admin });
    const data = (await res.json<{ ocs: { data: Record<string, unknown> } }>()).ocs.data;
    expect(data).toMatchObject({ id: "admin", "display-name": "admin", enabled: true, groups: ["admin"] });
  });

  it("answers an unknown OCS path with 998 / 404", async () => {
    const res = await ocs("/ocs/v2.php/cloud/nothing-here", { auth: admin });
    expect(res.status).toBe(404);
    expect((await res.json<{ ocs: { meta: { statuscode: number } } }>()).ocs.meta.statuscode).toBe(998);
  });
});
