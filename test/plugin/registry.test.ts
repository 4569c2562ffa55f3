import { sqliteTable, text } from "drizzle-orm/sqlite-core";
import { Hono } from "hono";
import { describe, expect, it } from "vitest";
import { definePlugin, type PluginDefinition } from "../../workers/plugin/define";
import { createRegistry, PluginConfigurationError } from "../../workers/plugin/registry";

class BoardRoom {}

const deck = definePlugin({
  id: "deck",
  name: "Deck",
  version: "1.0.0",
  tables: { boards: sqliteTable("deck_boards", { id: text("id") }) },
  durableObjects: [{ binding: "DECK_BOARD_ROOM", className: "DeckBoardRoom", class: BoardRoom }],
  routes: [{ path: "/apps/deck", app: new Hono() }],
  fileTypes: [],
});

const mindmap = definePlugin({
  id: "mindmap",
  name: "Mind maps",
  version: "1.0.0",
  fileTypes: [{ extensions: ["km"], mimeTypes: ["application/km"], editor: "mindmap" }],
});

const build = (plugins: PluginDefinition[], disabled: string[] = []) => createRegistry(plugins, new Set(disabled));

describe("plugin registry", () => {
  it("maps file types to the plugin that opens them, by extension then MIME type", () => {
    const registry = build([deck, mindmap]);
    expect(registry.handlerFor("idées géniales.KM")?.pluginId).toBe("mindmap");
    expect(registry.handlerFor("export", "application/km")?.pluginId).toBe("mindmap");
    expect(registry.handlerFor("notes.txt", "text/plain")).toBeUndefined();
  });

  it("leaves a disabled plugin out of file types and hooks but lists it", () => {
    const registry = build([deck, { ...mindmap, hooks: { fileCreated: () => {} } }], ["mindmap"]);
    expect(registry.all.map((p) => p.id)).toEqual(["deck", "mindmap"]);
    expect(registry.isEnabled("mindmap")).toBe(false);
    expect(registry.handlerFor("a.km")).toBeUndefined();
    expect(registry.hookSubscribers).toEqual([]);
  });

  it.each([
    ["a duplicate id", [deck, { ...mindmap, id: "deck" }], /same id/],
    ["an unprefixed table", [{ ...mindmap, tables: { cards: sqliteTable("cards", { id: text("id") }) } }], /start with "mindmap_"/],
    ["a route over the core's", [{ ...mindmap, routes: [{ path: "/ocs/apps/mindmap", app: new Hono() }] }], /overlaps the core/],
    ["a route over another plugin's", [deck, { ...mindmap, routes: [{ path: "/apps/deck/maps", app: new Hono() }] }], /overlaps "\/apps\/deck"/],
    ["an unprefixed binding", [{ ...mindmap, durableObjects: [{ binding: "ROOM", className: "MapRoom", class: BoardRoom }] }], /must start with MINDMAP_/],
    ["two plugins opening .km", [mindmap, { ...deck, fileTypes: [{ extensions: ["km"], editor: "x" }] }], /both open \.km/],
    ["a bad id", [{ ...mindmap, id: "Mind-Map" }], /lower-case/],
  ])("refuses %s", (_, plugins, message) => {
    expect(() => build(plugins as PluginDefinition[])).toThrow(PluginConfigurationError);
    expect(() => build(plugins as PluginDefinition[])).toThrow(message);
  });

  it("refuses to disable a plugin that is not in the list", () => {
    expect(() => build([deck], ["mindmap"])).toThrow(/not in the plugin list/);
  });

  it("runs hooks in priority order", () => {
    const a = { ...mindmap, id: "late", fileTypes: [], hooks: { priority: 200, fileCreated: () => {} } };
    const b = { ...mindmap, id: "early", fileTypes: [], hooks: { priority: 10, fileCreated: () => {} } };
    expect(build([a, b]).hookSubscribers.map((s) => s.pluginId)).toEqual(["early", "late"]);
  });
});
