import type { PasswordPolicy, PasswordRule } from "../api/auth";
import { t, type MessageKey } from "../i18n";

const RULES: Record<PasswordRule, { key: MessageKey; test: RegExp }> = {
  upper: { key: "policy.upper", test: /\p{Lu}/u },
  lower: { key: "policy.lower", test: /\p{Ll}/u },
  digit: { key: "policy.digit", test: /\p{Nd}/u },
  special: { key: "policy.special", test: /[^\p{L}\p{Nd}]/u },
};

/** The same tests as the server's, so the list says in advance what the server would refuse. */
export function policyChecks(policy: PasswordPolicy, password: string) {
  return [
    { label: t("policy.minLength", { count: policy.minLength }), ok: [...password].length >= policy.minLength },
    ...policy.require.map((rule) => ({ label: t(RULES[rule].key), ok: RULES[rule].test.test(password) })),
  ];
}

export const meetsPolicy = (policy: PasswordPolicy, password: string) => policyChecks(policy, password).every((c) => c.ok);

/** The policy as a checklist; with `password`, each line says whether it is met. */
export function PasswordPolicyList({ policy, password, id }: { policy: PasswordPolicy; password?: string; id: string }) {
  const checks = policyChecks(policy, password ?? "");
  return (
    <div class="policy" id={id}>
      <p class="policy-title">{t("policy.title")}</p>
      <ul>
        {checks.map((check) => (
          <li key={check.label} class={password === undefined ? "" : check.ok ? "policy-ok" : "policy-missing"}>
            {password !== undefined && (
              <span class="policy-mark" aria-hidden="true">
                {check.ok ? "✓" : "•"}
              </span>
            )}
            {check.label}
            {password !== undefined && <span class="visually-hidden">{check.ok ? t("policy.met") : t("policy.notMet")}</span>}
          </li>
        ))}
      </ul>
    </div>
  );
}
