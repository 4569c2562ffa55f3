import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "../../schema/core";
import { CREATE, READ } from "../../workers/sharing/permission-bits";
import { basic, call, db } from "../support/accounts";
import { linkOwner, linkPage, publicDav } from "./link-support";

const prof = linkOwner("prof-expire");
const now = () => Math.floor(Date.now() / 1000);

/** Every door a link has: each must answer 404 once the link is dead. */
async function everyDoor(token: string): Promise<number[]> {
  return [
    (await linkPage(token)).status,
    (await linkPage(token, "/download")).status,
    (await linkPage(token, "/authenticate", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: "password=x" })).status,
    (await publicDav(token, "PROPFIND", "/", { headers: { Depth: "1" } })).status,
    (await publicDav(token, "GET", "/fiche.txt")).status,
    (await publicDav(token, "PUT", "/nouveau.txt", { body: "x" })).status,
    (await call("/public.php/webdav/", { method: "PROPFIND", headers: { Depth: "1", Authorization: basic(token, "") } })).status,
  ];
}

describe("links that are no longer valid answer 404 on every door", () => {
  beforeAll(async () => {
    await prof.seed();
    await prof.mkcol("/Classe");
    await prof.put("/Classe/fiche.txt", "fiche");
  });

  it("an expired link", async () => {
    const expired = await prof.link("/Classe", { expiresAt: now() - 1 });
    expect(await everyDoor(expired.token)).toEqual([404, 404, 404, 404, 404, 404, 404]);
    const drop = await prof.link("/Classe", { permissions: CREATE, expiresAt: now() - 3600 });
    expect((await publicDav(drop.token, "PUT", "/devoir.txt", { body: "x" })).status).toBe(404);
    expect(await prof.node("/Classe/devoir.txt")).toBeUndefined();
  });

  it("a link whose expiry is still ahead works", async () => {
    const valid = await prof.link("/Classe", { permissions: READ, expiresAt: now() + 86400 });
    expect((await linkPage(valid.token)).status).toBe(200);
    expect((await publicDav(valid.token, "GET", "/fiche.txt")).status).toBe(200);
  });

  it("a link on a node in the trash", async () => {
    await prof.mkcol("/Ancienne classe");
    await prof.put("/Ancienne classe/fiche.txt", "x");
    const link = await prof.link("/Ancienne classe");
    expect((await linkPage(link.token)).status).toBe(200);
    expect((await prof.del("/Ancienne classe")).status).toBe(204);
    expect((await everyDoor(link.token)).every((s) => s === 404)).toBe(true);
  });

  it("a link whose initiator was disabled", async () => {
    const link = await prof.link("/Classe");
    await db().update(users).set({ enabled: false }).where(eq(users.id, "prof-expire"));
    try {
      expect((await everyDoor(link.token)).every((s) => s === 404)).toBe(true);
    } finally {
      await db().update(users).set({ enabled: true }).where(eq(users.id, "prof-expire"));
    }
  });
});
