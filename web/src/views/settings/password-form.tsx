import { useEffect, useState } from "preact/hooks";
import { changeOwnPassword } from "../../api/account";
import { fetchPasswordPolicy, type PasswordPolicy } from "../../api/auth";
import { t } from "../../i18n";
import { me } from "../../state/session";
import { meetsPolicy, PasswordPolicyList } from "../../ui/password-policy";
import { Status } from "../../ui/status";
import { useAction } from "../../ui/use-action";

export function PasswordForm() {
  const [policy, setPolicy] = useState<PasswordPolicy | null>(null);
  const [current, setCurrent] = useState("");
  const [password, setPassword] = useState("");
  const [confirmation, setConfirmation] = useState("");
  const action = useAction();
  useEffect(() => {
    fetchPasswordPolicy().then(setPolicy, () => setPolicy(null));
  }, []);

  const mismatch = confirmation !== "" && confirmation !== password;
  const acceptable = current !== "" && policy !== null && meetsPolicy(policy, password) && confirmation === password;
  const submit = async (event: Event) => {
    event.preventDefault();
    if (!me.value || !acceptable) return;
    if (await action.run(() => changeOwnPassword(current, password), t("password.changed"))) {
      setCurrent("");
      setPassword("");
      setConfirmation("");
    }
  };

  return (
    <form class="field-form" onSubmit={submit}>
      <h2>{t("password.title")}</h2>
      <label for="current-password">{t("password.current")}</label>
      <input
        id="current-password"
        type="password"
        autoComplete="current-password"
        required
        value={current}
        onInput={(e) => setCurrent(e.currentTarget.value)}
      />
      <label for="new-password">{t("password.new")}</label>
      <input
        id="new-password"
        type="password"
        autoComplete="new-password"
        required
        aria-describedby="password-policy"
        value={password}
        onInput={(e) => setPassword(e.currentTarget.value)}
      />
      {policy && <PasswordPolicyList policy={policy} password={password} id="password-policy" />}
      <label for="confirm-password">{t("password.confirm")}</label>
      <input
        id="confirm-password"
        type="password"
        autoComplete="new-password"
        required
        aria-invalid={mismatch}
        aria-describedby="password-mismatch"
        value={confirmation}
        onInput={(e) => setConfirmation(e.currentTarget.value)}
      />
      <p id="password-mismatch" class="status status-error">
        {mismatch ? t("password.mismatch") : ""}
      </p>
      <button type="submit" class="button button-primary" disabled={action.busy || !acceptable}>
        {t("password.submit")}
      </button>
      <Status state={action} />
    </form>
  );
}
