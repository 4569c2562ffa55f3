import { describe, expect, it } from "vitest";
import * as decoding from "lib0/decoding";
import { AwarenessRelay, encodeAwarenessItems, stampGuests } from "../../workers/collab/awareness-relay";

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

  it("marks a link visitor's states as a guest's, whatever id they claim", () => {
    const stamped = stampGuests(
      encodeAwarenessItems([
        { clientId: 7, clock: 1, state: JSON.stringify({ user: { id: "admin", name: "Administrateur" }, cursor: 3 }) },
        { clientId: 8, clock: 2, state: JSON.stringify({ user: { id: "guest:abc", name: "Camille" } }) },
        { clientId: 9, clock: 3, state: "null" },
        { clientId: 10, clock: 1, state: "{not json" },
      ]),
    );
    const decoder = decoding.createDecoder(stamped);
    const items = Array.from({ length: decoding.readVarUint(decoder) }, () => ({
      clientId: decoding.readVarUint(decoder),
      clock: decoding.readVarUint(decoder),
      state: decoding.readVarString(decoder),
    }));
    expect(items.map((i) => [i.clientId, i.clock])).toEqual([[7, 1], [8, 2], [9, 3], [10, 1]]);
    expect(JSON.parse(items[0]!.state)).toEqual({ user: { id: "guest:7", name: "Administrateur", guest: true }, cursor: 3 });
    expect(JSON.parse(items[1]!.state)).toEqual({ user: { id: "guest:abc", name: "Camille", guest: true } });
    expect(items[2]!.state).toBe("null");
    expect(items[3]!.state).toBe("null");
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
