import { beforeAll, describe, expect, it } from "vitest";
import { seedAdmin } from "../support/accounts";
import { dav, propfind } from "../support/dav";

const ROOT = "/remote.php/dav/files/admin";

describe("a COPY or MOVE may not overwrite a folder that holds its source", () => {
  beforeAll(async () => {
    await seedAdmin();
    await dav("MKCOL", "/parent");
    await dav("MKCOL", "/parent/enfant");
    await dav("PUT", "/parent/enfant/precieux.txt", { body: "à garder" });
  });

  it.each([
    ["MOVE a folder onto its parent", "MOVE", "/parent/enfant", `${ROOT}/parent`],
    ["COPY a file onto its grandparent", "COPY", "/parent/enfant/precieux.txt", `${ROOT}/parent`],
    ["MOVE a file onto its parent", "MOVE", "/parent/enfant/precieux.txt", `${ROOT}/parent/enfant`],
  ])("refuses to %s and loses nothing", async (_, method, path, destination) => {
    const res = await dav(method, path, { headers: { Destination: destination, Overwrite: "T" } });
    expect(res.status).toBe(403);
    expect(await (await dav("GET", "/parent/enfant/precieux.txt")).text()).toBe("à garder");
  });

  it("keeps folder sizes equal to their contents", async () => {
    const size = (xml: string) => Number(/<oc:size>(\d+)<\/oc:size>/.exec(xml)?.[1]);
    const bytes = new TextEncoder().encode("à garder").byteLength;
    expect(size((await propfind("/", undefined, "0")).text)).toBe(bytes);
    expect(size((await propfind("/parent/", undefined, "0")).text)).toBe(bytes);
  });

  it("still refuses to move a folder into itself", async () => {
    const res = await dav("MOVE", "/parent", { headers: { Destination: `${ROOT}/parent/enfant/parent` } });
    expect([403, 409]).toContain(res.status);
    expect((await propfind("/parent/enfant/", undefined, "0")).status).toBe(207);
  });
});
