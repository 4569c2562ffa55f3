import { describe, expect, it } from "vitest";
import { passwordProblems } from "../../workers/accounts/password-policy";

const defaults = { minLength: 10, require: ["upper", "lower", "digit", "special"] as const };

describe("password policy", () => {
  it("by default wants 10 characters with upper, lower, digit and special", () => {
    expect(passwordProblems("Plongée-34-Codep!", defaults)).toEqual([]);
    expect(passwordProblems("court", defaults)).toEqual([
      "at least 10 characters",
      "an upper-case letter",
      "a digit",
      "a special character",
    ]);
    expect(passwordProblems("ABCDEFGHIJ1!", defaults)).toEqual(["a lower-case letter"]);
  });

  it("follows a configured policy", () => {
    expect(passwordProblems("simplepassword", { minLength: 8, require: [] })).toEqual([]);
    expect(passwordProblems("short", { minLength: 8, require: [] })).toEqual(["at least 8 characters"]);
  });
});
