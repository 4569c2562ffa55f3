import { describe, expect, it } from "vitest";
import wranglerToml from "../../wrangler.toml?raw";
import * as entry from "../../workers/index";
import { plugins } from "../../plugins";
import { createRegistry } from "../../workers/plugin/registry";

/** [[durable_objects.bindings]] entries of wrangler.toml, read the simple way: the file is ours. */
function boundDurableObjects(toml: string): Map<string, string> {
  const bound = new Map<string, string>();
  for (const block of toml.split("[[durable_objects.bindings]]").slice(1)) {
    const name = /^\s*name\s*=\s*"([^"]+)"/m.exec(block)?.[1];
    const className = /^\s*class_name\s*=\s*"([^"]+)"/m.exec(block)?.[1];
    if (name && className) bound.set(name, className);
  }
  return bound;
}

describe("plugin wiring", () => {
  it("has a valid plugin list", () => {
    expect(() => createRegistry(plugins, new Set())).not.toThrow();
  });

  it("binds every plugin Durable Object in wrangler.toml and exports its class from the entry", () => {
    const bound = boundDurableObjects(wranglerToml);
    const declared = plugins.flatMap((p) => p.durableObjects ?? []);
    for (const durable of declared) {
      expect(bound.get(durable.binding), `${durable.binding} in wrangler.toml`).toBe(durable.className);
      expect((entry as Record<string, unknown>)[durable.className], `${durable.className} exported`).toBe(durable.class);
      expect(wranglerToml, `${durable.className} has a SQLite migration`).toMatch(new RegExp(`new_sqlite_classes\\s*=\\s*\\[[^\\]]*"${durable.className}"`));
    }
    expect([...bound.keys()].sort()).toEqual(declared.map((d) => d.binding).sort());
  });
});
