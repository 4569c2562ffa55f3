import { describe, expect, it } from "vitest";
import { hashPassword, verifyPassword } from "../../workers/accounts/password-hash";

describe("password hashing", () => {
  it("stores PBKDF2-SHA256 with a per-password salt and verifies only the right password", async () => {
    const a = await hashPassword("Plongée-34-Codep!");
    const b = await hashPassword("Plongée-34-Codep!");
    expect(a).toMatch(/^pbkdf2-sha256\$100000\$[\w-]{22}\$[\w-]{43}$/);
    expect(a).not.toBe(b);
    expect(await verifyPassword("Plongée-34-Codep!", a)).toBe(true);
    expect(await verifyPassword("plongée-34-codep!", a)).toBe(false);
    expect(await verifyPassword("Plongée-34-Codep!", "garbage")).toBe(false);
  });
});
