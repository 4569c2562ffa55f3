import { env } from "cloudflare:workers";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { requireAuth } from "../../workers/accounts/authenticate";
import { createApp } from "../../workers/app";
import type { AppEnv } from "../../workers/http/app-env";
import { definePlugin } from "../../workers/plugin/define";
import { basic, seedAdmin, STRONG_PASSWORD } from "../support/accounts";

const boards = new Hono<AppEnv>().get("/boards", (c) => c.json({ owner: requireAuth(c).user.id, boards: [] }));

const deck = definePlugin({
  id: "deck",
  name: "Deck",
  version: "1.0.0",
  routes: [{ path: "/apps/deck", app: boards }],
  fileTypes: [{ extensions: ["deck"], editor: "board", create: { label: { fr: "Nouveau tableau", en: "New board" }, defaultName: { fr: "Tableau", en: "Board" } } }],
  web: { entry: "web/index.ts", navigation: { label: { fr: "Deck", en: "Deck" }, path: "/apps/deck" } },
});

const app = createApp([deck]);
const auth = { Authorization: basic("admin", STRONG_PASSWORD) };

describe("plugin mounting", () => {
  it("serves an enabled plugin's routes behind the core's authentication", async () => {
    await seedAdmin();
    expect((await app.request("/apps/deck/boards", {}, env)).status).toBe(401);
    const res = await app.request("/apps/deck/boards", { headers: auth }, env);
    expect(res.status).toBe(200);
    expect(await res.json()).toEqual({ owner: "admin", boards: [] });
  });

  it("answers 404 for a plugin the admin disabled, and hides it from users' plugin list", async () => {
    const disabled = { ...env, DISABLED_PLUGINS: "deck" };
    const res = await app.request("/apps/deck/boards", { headers: auth }, disabled);
    expect(res.status).toBe(404);
    expect(await res.json()).toEqual({ error: { code: "not_found", message: "Not found" } });
    const list = await app.request("/api/plugins", { headers: auth }, disabled);
    expect(await list.json()).toMatchObject({ plugins: [{ id: "deck", enabled: false }] });
  });

  it("lists enabled plugins with the file types they open", async () => {
    const res = await app.request("/api/plugins", { headers: auth }, env);
    expect(await res.json()).toMatchObject({
      plugins: [{ id: "deck", enabled: true, fileTypes: [{ extensions: ["deck"], editor: "board" }], navigation: { path: "/apps/deck" }, hasWeb: true }],
    });
  });
});
