import { describe, expect, it } from "vitest";
import { runHooks, type CoreEvents } from "../../workers/plugin/hooks";

const payload = {
  env: {} as CoreEvents["fileCreated"]["env"],
  actorId: "lea",
  waitUntil: () => {},
  node: { id: 1, path: "/Compte rendu AG.md", name: "Compte rendu AG.md", mime: "text/markdown", size: 0, etag: "e1" },
};

describe("hook runner", () => {
  it("calls each subscriber in order and keeps going when one fails", async () => {
    const seen: string[] = [];
    await runHooks(
      [
        { pluginId: "docs", priority: 10, hooks: { fileCreated: (p) => void seen.push(`docs:${p.node.name}`) } },
        { pluginId: "broken", priority: 20, hooks: { fileCreated: () => { throw new Error("boom"); } } },
        { pluginId: "activity", priority: 30, hooks: { fileCreated: async () => void seen.push("activity") } },
        { pluginId: "deck", priority: 40, hooks: { fileDeleted: () => void seen.push("never") } },
      ],
      "fileCreated",
      payload,
    );
    expect(seen).toEqual(["docs:Compte rendu AG.md", "activity"]);
  });
});
