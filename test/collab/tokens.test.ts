import { describe, expect, it, vi } from "vitest";
import { signCollabToken, verifyCollabToken } from "../../workers/collab/tokens";
import { db } from "../support/accounts";

describe("collaboration tokens", () => {
  it("carry the grant for their own room only", async () => {
    const token = await signCollabToken(db(), { room: "docs:7", user: "lea", access: "write" });
    expect(await verifyCollabToken(db(), token, "docs:7")).toEqual({ room: "docs:7", user: "lea", access: "write" });
    expect(await verifyCollabToken(db(), token, "docs:8")).toBeUndefined();
  });

  it("refuse a tampered payload or signature", async () => {
    const token = await signCollabToken(db(), { room: "docs:7", user: "lea", access: "read" });
    const [payload, signature] = token.split(".") as [string, string];
    const forged = btoa(JSON.stringify({ room: "docs:7", user: "lea", access: "write", exp: 9e9 })).replace(/=+$/, "");
    expect(await verifyCollabToken(db(), `${forged}.${signature}`, "docs:7")).toBeUndefined();
    expect(await verifyCollabToken(db(), `${payload}.${signature.slice(1)}A`, "docs:7")).toBeUndefined();
    expect(await verifyCollabToken(db(), "garbage", "docs:7")).toBeUndefined();
    expect(await verifyCollabToken(db(), "a.b.c", "docs:7")).toBeUndefined();
  });

  it("expire after five minutes", async () => {
    const token = await signCollabToken(db(), { room: "docs:7", user: "lea", access: "write" });
    vi.useFakeTimers({ now: Date.now() + 301_000 });
    try {
      expect(await verifyCollabToken(db(), token, "docs:7")).toBeUndefined();
    } finally {
      vi.useRealTimers();
    }
  });
});
