import { describe, expect, it } from "vitest";
import { AwarenessRelay, encodeAwarenessItems } from "../../workers/collab/awareness-relay";

const update = (clientId: number, clock: number, state: unknown) =>
  encodeAwarenessItems([{ clientId, clock, state: JSON.stringify(state) }]);

describe("awareness relay", () => {
  it("passes on joins, moves and departures, and absorbs renewals", () => {
    const relay = new AwarenessRelay();
    expect(relay.apply(update(1, 1, { user: "Léa" })).changed).toHaveLength(1);
    // Same state, higher clock: what every idle client sends every 15 s.
    expect(relay.apply(update(1, 2, { user: "Léa" })).changed).toEqual([]);
    expect(relay.apply(update(1, 3, { user: "Léa", cursor: 4 })).changed).toHaveLength(1);
    // Old news is ignored.
    expect(relay.apply(update(1, 2, { user: "Léa", cursor: 9 })).changed).toEqual([]);
    expect(relay.remove([1])).toEqual([{ clientId: 1, clock: 4, state: "null" }]);
    expect(relay.size).toBe(0);
  });

  it("offers the most recently active states first, up to a limit", () => {
    const relay = new AwarenessRelay();
    relay.apply(update(1, 1, { user: "a" }), 1000);
    relay.apply(update(2, 1, { user: "b" }), 2000);
    relay.apply(update(3, 1, { user: "c" }), 3000);
    relay.apply(update(1, 2, { user: "a", cursor: 1 }), 4000);
    expect(relay.active(2).map((i) => i.clientId)).toEqual([1, 3]);
  });

  it("keeps the work per message independent of how many people are present", () => {
    const relay = new AwarenessRelay();
    for (let id = 1; id <= 1000; id++) relay.apply(update(id, 1, { user: `u${id}` }));
    let broadcasts = 0;
    for (let id = 1; id <= 1000; id++) broadcasts += relay.apply(update(id, 2, { user: `u${id}` })).changed.length;
    expect(broadcasts).toBe(0);
  });
});
