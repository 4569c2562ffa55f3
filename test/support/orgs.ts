import { call, ocs, STRONG_PASSWORD } from "./accounts";

/** Creates an org through the admin API, as an instance admin would. */
export async function createOrg(admin: [string, string], id: string, name = id) {
  const res = await call("/api/admin/orgs", {
    method: "POST",
    auth: admin,
    headers: { "Content-Type": "application/json" },
    body: JSON.stringify({ id, name }),
  });
  if (res.status !== 201) throw new Error(`org ${id}: ${res.status} ${await res.text()}`);
}

/** Creates an account in `groups` through the provisioning API and returns its credentials. */
export async function provisionUser(actor: [string, string], userid: string, groups: string[] = []): Promise<[string, string]> {
  const res = await ocs("/ocs/v2.php/cloud/users", { method: "POST", auth: actor, form: { userid, password: STRONG_PASSWORD, groups } });
  if (res.status !== 200) throw new Error(`user ${userid}: ${res.status} ${await res.text()}`);
  return [userid, STRONG_PASSWORD];
}
