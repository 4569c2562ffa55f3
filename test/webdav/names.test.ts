import { beforeAll, describe, expect, it } from "vitest";
import { seedAdmin } from "../support/accounts";
import { dav, enc, propfind } from "../support/dav";

const NFC = "Cafe\u0301 pre\u0301sident.txt".normalize("NFC");
const NFD = NFC.normalize("NFD");
const AWKWARD = [
  "Réunion CA été 2022.odt",
  "le cloud #1 & 100% + plus.txt",
  "🎉 fête des bénévoles 🥳.md",
  "a+b=c; d,e (f) [g] {h} 'i' ~j.txt",
  "question?.txt",
  "日本語のファイル.txt",
];

describe("file names travel byte-exact through WebDAV", () => {
  beforeAll(async () => {
    await seedAdmin();
    await dav("MKCOL", "/noms");
  });

  it.each(AWKWARD)("stores, lists and serves %s", async (name) => {
    expect((await dav("PUT", `/noms/${enc(name)}`, { body: `contenu de ${name}` })).status).toBe(201);
    const listing = await propfind("/noms/");
    expect(listing.text).toContain(`<d:href>/remote.php/dav/files/admin/noms/${enc(name)}</d:href>`);
    const res = await dav("GET", `/noms/${enc(name)}`);
    expect(res.status).toBe(200);
    expect(await res.text()).toBe(`contenu de ${name}`);
  });

  it("keeps NFC and NFD spellings as two distinct files, like Nextcloud", async () => {
    expect(NFC).not.toBe(NFD);
    expect((await dav("PUT", `/noms/${enc(NFC)}`, { body: "composé" })).status).toBe(201);
    expect((await dav("PUT", `/noms/${enc(NFD)}`, { body: "décomposé" })).status).toBe(201);
    expect(await (await dav("GET", `/noms/${enc(NFC)}`)).text()).toBe("composé");
    expect(await (await dav("GET", `/noms/${enc(NFD)}`)).text()).toBe("décomposé");
    const listing = (await propfind("/noms/")).text;
    expect(listing).toContain(`/noms/${enc(NFC)}</d:href>`);
    expect(listing).toContain(`/noms/${enc(NFD)}</d:href>`);
  });

  it("treats an encoded # as part of a name, never as the end of the path", async () => {
    await dav("MKCOL", "/noms/frag");
    expect((await dav("PUT", "/noms/frag%23ment", { body: "x" })).status).toBe(201);
    // Deleting `frag#ment` must leave the folder `frag` alone.
    expect((await dav("DELETE", "/noms/frag%23ment")).status).toBe(204);
    expect((await propfind("/noms/frag/", undefined, "0")).status).toBe(207);
  });

  it("finds a name whatever the client chose to percent-encode", async () => {
    await dav("PUT", `/noms/${enc("plain name.txt")}`, { body: "p" });
    const res = await dav("GET", "/noms/plain%20n%61me.txt");
    expect(res.status).toBe(200);
  });
});
