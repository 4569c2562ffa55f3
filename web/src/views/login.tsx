import { useEffect, useState } from "preact/hooks";
import { fetchPasswordPolicy, type PasswordPolicy } from "../api/auth";
import { ApiFailure } from "../api/http";
import { t } from "../i18n";
import { signIn } from "../state/session";
import { describeError } from "../ui/errors";
import { LanguageSelect } from "../ui/language-select";
import { PasswordPolicyList } from "../ui/password-policy";

function loginError(error: unknown): string {
  if (error instanceof ApiFailure && error.status === 401) return t("login.wrong");
  if (error instanceof ApiFailure && error.status === 429) return t("error.tooMany");
  return describeError(error);
}

export function LoginView() {
  const [login, setLogin] = useState("");
  const [password, setPassword] = useState("");
  const [busy, setBusy] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const [policy, setPolicy] = useState<PasswordPolicy | null>(null);

  useEffect(() => {
    document.title = `${t("login.title")} – Cumulus`;
    fetchPasswordPolicy().then(setPolicy, () => setPolicy(null));
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    setBusy(true);
    setError(null);
    try {
      // The router's redirect away from /login moves on as soon as the session is known; navigating
      // here too, once the account has loaded, would undo a click the person made in the meantime.
      await signIn(login.trim(), password);
    } catch (failure) {
      setError(loginError(failure));
      setBusy(false);
    }
  };

  return (
    <div class="login-page">
      <main id="main" class="login-card" tabIndex={-1}>
        <div class="login-brand">
          <img src="/favicon.svg" alt="" width={48} height={48} />
          <span>Cumulus</span>
        </div>
        <h1 class="page-title" tabIndex={-1}>
          {t("login.title")}
        </h1>
        <form onSubmit={submit} aria-describedby={error ? "login-error" : undefined}>
          <label for="login-name">{t("login.name")}</label>
          <input id="login-name" name="login" autoComplete="username" required value={login} onInput={(e) => setLogin(e.currentTarget.value)} />
          <label for="login-password">{t("login.password")}</label>
          <input
            id="login-password"
            name="password"
            type="password"
            autoComplete="current-password"
            required
            value={password}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <p id="login-error" class="status status-error" role="alert">
            {error ?? ""}
          </p>
          <button type="submit" class="button button-primary button-block" disabled={busy}>
            {busy ? t("login.busy") : t("login.submit")}
          </button>
        </form>
        {policy && <PasswordPolicyList policy={policy} id="login-policy" />}
        <LanguageSelect id="login-language" />
      </main>
    </div>
  );
}
