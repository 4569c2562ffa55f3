import { beforeAll, describe, expect, it } from "vitest";
import { ocs, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { createOrg, provisionUser } from "../support/orgs";

const admin: [string, string] = ["admin", STRONG_PASSWORD];

async function meta(res: Response) {
  return ((await res.clone().json()) as { ocs: { meta: { statuscode: number; message: string }; data: unknown } }).ocs;
}

describe("provisioning API with organisations", () => {
  let orgAdmin: [string, string];

  beforeAll(async () => {
    await seedAdmin();
    await createOrg(admin, "codep34", "Codep 34");
    await createOrg(admin, "inclusion", "Inclusion numérique");
    orgAdmin = await provisionUser(admin, "marie", ["codep34"]);
    const appoint = await ocs("/ocs/v2.php/cloud/users/marie/subadmins", { method: "POST", auth: admin, form: { groupid: "codep34" } });
    expect(appoint.status).toBe(200);
  });

  it("lets an org admin create an account in their own org", async () => {
    const res = await ocs("/ocs/v2.php/cloud/users", {
      method: "POST",
      auth: orgAdmin,
      form: { userid: "lucas", password: STRONG_PASSWORD, email: "lucas@codep34.fr", groups: ["codep34"] },
    });
    expect(res.status).toBe(200);
    expect((await meta(res)).data).toEqual({ id: "lucas" });
    const details = await ocs("/ocs/v2.php/cloud/users/lucas", { auth: orgAdmin });
    const data = (await meta(details)).data as { groups: string[]; organisation: string; email: string };
    expect(data).toMatchObject({ groups: ["codep34"], organisation: "codep34", email: "lucas@codep34.fr" });
  });

  it("refuses (403) an org admin creating an account in another org", async () => {
    const res = await ocs("/ocs/v2.php/cloud/users", { method: "POST", auth: orgAdmin, form: { userid: "intrus", password: STRONG_PASSWORD, groups: ["inclusion"] } });
    expect(res.status).toBe(403);
    expect((await meta(res)).meta.statuscode).toBe(403);
    expect((await ocs("/ocs/v2.php/cloud/users/intrus", { auth: admin })).status).toBe(404);
  });

  it("requires an org admin to name a group, as Nextcloud requires of sub-admins", async () => {
    const res = await ocs("/ocs/v2.php/cloud/users", { method: "POST", auth: orgAdmin, form: { userid: "sansgroupe", password: STRONG_PASSWORD } });
    expect((await meta(res)).meta.statuscode).toBe(106);
    expect(res.status).toBe(400);
  });

  it("refuses (403) an org admin managing an account of another org", async () => {
    await provisionUser(admin, "paul", ["inclusion"]);
    for (const [path, method, form] of [
      ["/ocs/v2.php/cloud/users/paul", "PUT", { key: "email", value: "x@y.fr" }],
      ["/ocs/v2.php/cloud/users/paul/disable", "PUT", {}],
      ["/ocs/v2.php/cloud/users/paul", "DELETE", {}],
      ["/ocs/v2.php/cloud/users/paul/groups", "POST", { groupid: "codep34" }],
    ] as const) {
      const res = await ocs(path, { method, auth: orgAdmin, form });
      expect(res.status, `${method} ${path}`).toBe(403);
    }
    const list = await ocs("/ocs/v2.php/cloud/users", { auth: orgAdmin });
    expect((await meta(list)).data).toEqual({ users: ["lucas", "marie"] });
  });

  it("refuses (403) an org admin appointing sub-admins or creating groups", async () => {
    await provisionUser(orgAdmin, "lea1", ["codep34"]);
    expect((await ocs("/ocs/v2.php/cloud/users/lea1/subadmins", { method: "POST", auth: orgAdmin, form: { groupid: "codep34" } })).status).toBe(403);
    expect((await ocs("/ocs/v2.php/cloud/groups", { method: "POST", auth: orgAdmin, form: { groupid: "bureau" } })).status).toBe(403);
  });

  it("refuses (403) a plain user every administration call", async () => {
    const user = await provisionUser(orgAdmin, "lea2", ["codep34"]);
    expect((await ocs("/ocs/v2.php/cloud/users", { method: "POST", auth: user, form: { userid: "x", password: STRONG_PASSWORD, groups: ["codep34"] } })).status).toBe(403);
    expect((await ocs("/ocs/v2.php/cloud/users", { auth: user })).status).toBe(403);
    expect((await ocs("/ocs/v2.php/cloud/users/marie", { auth: user })).status).toBe(403);
    expect((await ocs("/ocs/v2.php/cloud/users/lea2", { method: "PUT", auth: user, form: { key: "quota", value: "10 GB" } })).status).toBe(403);
  });

  it("lets an org admin set quota, e-mail and display name of their members", async () => {
    await provisionUser(orgAdmin, "lea", ["codep34"]);
    for (const [key, value] of [["quota", "5 GB"], ["email", "lea@codep34.fr"], ["displayname", "Léa Martin"]]) {
      const res = await ocs("/ocs/v2.php/cloud/users/lea", { method: "PUT", auth: orgAdmin, form: { key: key!, value: value! } });
      expect(res.status, key).toBe(200);
    }
    const data = (await meta(await ocs("/ocs/v2.php/cloud/users/lea", { auth: orgAdmin }))).data as Record<string, unknown>;
    expect(data).toMatchObject({ displayname: "Léa Martin", "display-name": "Léa Martin", email: "lea@codep34.fr", quota: { quota: 5 * 1024 ** 3, used: 0 } });
  });
});
