import { beforeAll, describe, expect, it } from "vitest";
import { seedAdmin } from "../support/accounts";
import { ADMIN } from "../support/dav";
import { createOrg, provisionUser } from "../support/orgs";
import { ocsBody, shareApi, type Auth } from "./support";

type Found = { exact: { users: { value: { shareWith: string } }[] }; users: { value: { shareWith: string } }[]; groups: { value: { shareWith: string } }[] };
const found = async (auth: Auth, search: string) => {
  const data = (await ocsBody<Found>(await shareApi(auth, "GET", `/sharees?search=${encodeURIComponent(search)}&itemType=folder`))).ocs.data;
  return [...data.exact.users, ...data.users, ...data.groups].map((s) => s.value.shareWith);
};

describe("sharee search keeps each association's directory to itself", () => {
  let plongee: Auth;
  beforeAll(async () => {
    await seedAdmin();
    await createOrg(ADMIN, "codep34", "Codep 34");
    await createOrg(ADMIN, "cafes-bricol", "Cafés Bricol'");
    plongee = await provisionUser(ADMIN, "sharee-plongeur", ["codep34"]);
    await provisionUser(ADMIN, "sharee-moniteur", ["codep34"]);
    await provisionUser(ADMIN, "sharee-bricoleur", ["cafes-bricol"]);
  });

  it("shows a member the people and groups of their own association only", async () => {
    const names = await found(plongee, "sharee-");
    expect(names).toContain("sharee-moniteur");
    expect(names).not.toContain("sharee-bricoleur");
    expect(await found(plongee, "cafes")).not.toContain("cafes-bricol");
    expect(await found(plongee, "codep")).toContain("codep34");
  });

  it("shows the instance admin everyone", async () => {
    expect(await found(ADMIN, "sharee-")).toEqual(expect.arrayContaining(["sharee-plongeur", "sharee-moniteur", "sharee-bricoleur"]));
  });
});
