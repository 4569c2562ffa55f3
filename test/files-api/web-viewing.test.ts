import { beforeAll, describe, expect, it } from "vitest";
import { createUser, findUser } from "../../workers/accounts/users";
import { call, db, STRONG_PASSWORD } from "../support/accounts";
import { lifecycleUser } from "../support/lifecycle";
import type { NodeJson } from "./support";

/** A member who is not an admin: invisible tags are not theirs to see. */
function member(id: string) {
  const u = lifecycleUser(id);
  const api = (path: string, init: RequestInit = {}) => call(`/api/files${path}`, { auth: u.auth, ...init });
  return { ...u, api, seed: async () => void ((await findUser(db(), id)) ?? (await createUser(db(), { id, password: STRONG_PASSWORD }))) };
}

const zoe = member("api-view-zoe");
const tom = member("api-view-tom");

async function tagsCall(who: ReturnType<typeof member>, path: string, method: string, body?: unknown) {
  return call(`/api/tags${path}`, { auth: who.auth, method, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
}

describe("files API for the web app's viewers and tag lists", () => {
  beforeAll(async () => {
    for (const u of [zoe, tom]) await u.seed();
    await zoe.mkcol("/Photos");
    await zoe.put("/Photos/plongée.png", "png bytes");
    await zoe.put("/rapport.pdf", "%PDF-1.4");
    await zoe.put("/page.html", "<script>alert(1)</script>");
    await zoe.put("/logo.svg", "<svg xmlns='http://www.w3.org/2000/svg'><script>alert(1)</script></svg>");
  });

  it("shows pictures and PDF inline when asked, and keeps HTML and SVG as downloads", async () => {
    const disposition = async (path: string, query: string) => {
      const node = (await zoe.node(path))!;
      const res = await zoe.api(`/${node.id}/content${query}`);
      expect(res.status).toBe(200);
      return { disposition: res.headers.get("Content-Disposition"), type: res.headers.get("Content-Type"), nosniff: res.headers.get("X-Content-Type-Options") };
    };
    expect(await disposition("/Photos/plongée.png", "?inline=1")).toEqual({ disposition: "inline; filename*=UTF-8''plong%C3%A9e.png", type: "image/png", nosniff: "nosniff" });
    expect((await disposition("/rapport.pdf", "?inline=1")).disposition).toMatch(/^inline;/);
    expect((await disposition("/rapport.pdf", "")).disposition).toMatch(/^attachment;/);
    expect((await disposition("/rapport.pdf", "?inline=0")).disposition).toMatch(/^attachment;/);
    for (const path of ["/page.html", "/logo.svg"]) expect((await disposition(path, "?inline=1")).disposition).toMatch(/^attachment;/);
    const pdf = (await zoe.node("/rapport.pdf"))!;
    expect((await zoe.api(`/${pdf.id}/content?inline=yes`)).status).toBe(400);
    expect((await zoe.api(`/${pdf.id}/content?other=1`)).status).toBe(400);
  });

  it("lists the asker's files that carry a tag, and hides an invisible tag from members", async () => {
    const created = await tagsCall(zoe, "", "POST", { name: "Assemblée générale" });
    expect(created.status).toBe(201);
    const tag = ((await created.json()) as { tag: { id: number } }).tag;
    const photo = (await zoe.node("/Photos/plongée.png"))!;
    expect((await tagsCall(zoe, `/${tag.id}/files/${photo.id}`, "PUT")).status).toBe(201);

    const res = await zoe.api(`/tagged/${tag.id}`);
    expect(res.status).toBe(200);
    const { files } = (await res.json()) as { files: NodeJson[] };
    expect(files.map((f) => f.path)).toEqual(["/Photos/plongée.png"]);
    // Tom sees the tag but has no tagged file of his own.
    await expect((await tom.api(`/tagged/${tag.id}`)).json()).resolves.toEqual({ files: [] });
    expect((await tom.api("/tagged/999999")).status).toBe(404);

    const admin = lifecycleUser("api-view-admin");
    await admin.seed();
    const hidden = await call("/api/tags", { auth: admin.auth, method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: "interne", userVisible: false }) });
    expect(hidden.status).toBe(201);
    const hiddenId = ((await hidden.json()) as { tag: { id: number } }).tag.id;
    expect((await zoe.api(`/tagged/${hiddenId}`)).status).toBe(404);
  });
});
