import type { Config, PasswordRule } from "../config";
import { badRequest } from "../http/errors";

const RULES: Record<PasswordRule, { test: RegExp; en: string }> = {
  upper: { test: /\p{Lu}/u, en: "an upper-case letter" },
  lower: { test: /\p{Ll}/u, en: "a lower-case letter" },
  digit: { test: /\p{Nd}/u, en: "a digit" },
  special: { test: /[^\p{L}\p{Nd}]/u, en: "a special character" },
};

export const MAX_PASSWORD_LENGTH = 256;

/** Lists what a password lacks under the configured policy; empty when it is acceptable. */
export function passwordProblems(password: string, policy: Config["password"]): string[] {
  const problems: string[] = [];
  if ([...password].length < policy.minLength) problems.push(`at least ${policy.minLength} characters`);
  if (password.length > MAX_PASSWORD_LENGTH) problems.push(`at most ${MAX_PASSWORD_LENGTH} characters`);
  for (const rule of policy.require) if (!RULES[rule].test.test(password)) problems.push(RULES[rule].en);
  return problems;
}

export function assertPasswordAllowed(password: string, policy: Config["password"]): void {
  const problems = passwordProblems(password, policy);
  if (problems.length) throw badRequest(`The password needs ${problems.join(", ")}`, "weak_password");
}

/** What the login page shows before anyone types. */
export function describePolicy(policy: Config["password"]) {
  return { minLength: policy.minLength, require: [...policy.require] };
}
