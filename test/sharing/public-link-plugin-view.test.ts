import { env } from "cloudflare:workers";
import { html } from "hono/html";
import { beforeAll, describe, expect, it } from "vitest";
import { createApp } from "../../workers/app";
import { definePlugin } from "../../workers/plugin/define";
import { linkOwner } from "./link-support";

const notes = definePlugin({
  id: "notes",
  name: "Notes",
  version: "1.0.0",
  fileTypes: [
    {
      extensions: ["note"],
      editor: "note",
      linkView: {
        async render({ node, files, resourceHref }) {
          const text = await (await files.read(node))!.text();
          return html`<blockquote class="note-view">${text}</blockquote><img src="${resourceHref("stamp")}" alt="">`;
        },
        async resource({ node }, key) {
          return key === "stamp" ? new Response(`stamp of ${node.name}`) : null;
        },
      },
    },
    {
      extensions: ["broken"],
      editor: "note",
      linkView: {
        render: () => Promise.reject(new Error("the plugin's view failed")),
      },
    },
  ],
});

const app = createApp([notes]);
const owner = linkOwner("prof-plugin-view");
const open = (token: string, rest = "", disabled = "") =>
  app.request(`/s/${token}${rest}`, { headers: { "Accept-Language": "fr" } }, { ...env, DISABLED_PLUGINS: disabled });

describe("a plugin's view of a file on a public link's page", () => {
  let note: string;
  let broken: string;
  beforeAll(async () => {
    await owner.seed();
    await owner.put("/rappel.note", "Apporter <b>les</b> palmes");
    await owner.put("/casse.broken", "rien");
    await owner.mkcol("/Sortie");
    await owner.put("/Sortie/casse.broken", "rien");
    note = (await owner.link("/rappel.note")).token;
    broken = (await owner.link("/casse.broken")).token;
  });

  it("embeds what the plugin renders, and serves the plugin's resources through the link", async () => {
    const body = await (await open(note)).text();
    expect(body).toContain(`<blockquote class="note-view">Apporter &lt;b&gt;les&lt;/b&gt; palmes</blockquote>`);
    expect(body).toContain(`<img src="/s/${note}/resource?key=stamp"`);
    const stamp = await open(note, "/resource?key=stamp");
    expect(stamp.status).toBe(200);
    expect(await stamp.text()).toBe("stamp of rappel.note");
    expect((await open(note, "/resource?key=other")).status).toBe(404);
  });

  it("falls back to the plain page when the plugin's view fails, and has no resources for it", async () => {
    const res = await open(broken);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain("casse.broken");
    expect(body).toContain(`href="/s/${broken}/download"`);
    expect((await open(broken, "/resource?key=stamp")).status).toBe(404);
  });

  it("keeps a file of a shared folder on its own page when the plugin cannot show it, even without downloads", async () => {
    const { token } = await owner.link("/Sortie", { hideDownload: true });
    const listing = await (await open(token, "?view=list")).text();
    expect(listing).toContain(`<a href="/s/${token}?path=%2Fcasse.broken">casse.broken</a>`);
    const res = await open(token, `?path=${encodeURIComponent("/casse.broken")}`);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain("<h2>casse.broken</h2>");
    expect(body).not.toContain("/download");
  });

  it("leaves a disabled plugin out of the page", async () => {
    const body = await (await open(note, "", "notes")).text();
    expect(body).not.toContain("note-view");
    expect(body).toContain(`href="/s/${note}/download"`);
    expect((await open(note, "/resource?key=stamp", "notes")).status).toBe(404);
  });
});
