import { beforeAll, describe, expect, it } from "vitest";
import { call, ocs, seedAdmin } from "../support/accounts";
import { ADMIN } from "../support/dav";
import { provisionUser } from "../support/orgs";
import { fileId, files, mkcol, put, share, type Auth } from "./support";

/**
 * A disabled account's shares stop working everywhere at once, as its public links do: the files of
 * someone who has left stay with the association's admins, not with whoever they were shared with.
 */
describe("a disabled owner's shares", () => {
  let owner: Auth;
  let recipient: Auth;
  let file: number;
  beforeAll(async () => {
    await seedAdmin();
    owner = await provisionUser(ADMIN, "parti-owner");
    recipient = await provisionUser(ADMIN, "parti-recipient");
    await mkcol(owner, "/Trésorerie");
    await put(owner, "/Trésorerie/budget.md", "# Budget");
    file = await fileId(owner, "/Trésorerie/budget.md");
    await share(owner, { path: "/Trésorerie", shareType: "0", shareWith: recipient[0], permissions: "15" });
    expect((await files(recipient, "GET", "/Trésorerie/budget.md")).status).toBe(200);
    const disabled = await ocs(`/ocs/v2.php/cloud/users/${owner[0]}/disable`, { method: "PUT", auth: ADMIN });
    expect(disabled.status).toBe(200);
  });

  it("leave the recipient's tree and every API alike", async () => {
    expect((await files(recipient, "PROPFIND", "/Trésorerie", { headers: { Depth: "0" } })).status).toBe(404);
    expect((await files(recipient, "GET", "/Trésorerie/budget.md")).status).toBe(404);
    expect((await files(recipient, "PUT", "/Trésorerie/ajout.md", { body: "non" })).status).toBe(409);
    expect((await call(`/api/files/${file}`, { auth: recipient })).status).toBe(404);
    expect((await call(`/api/collab/${file}/token`, { method: "POST", auth: recipient })).status).toBe(404);
  });
});
