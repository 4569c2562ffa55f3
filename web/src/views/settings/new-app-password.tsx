import { useEffect, useRef } from "preact/hooks";
import { t } from "../../i18n";
import { CopyButton } from "../../ui/copy-button";

export interface CreatedAppPassword {
  name: string;
  login: string;
  token: string;
}

/** The token, shown this once: the server keeps only its hash. */
export function NewAppPassword({ created, onDone }: { created: CreatedAppPassword; onDone: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  useEffect(() => heading.current?.focus(), []);
  return (
    <div class="new-token" role="region" aria-labelledby="new-token-title">
      <h3 id="new-token-title" ref={heading} tabIndex={-1}>
        {t("apppw.newTitle", { name: created.name })}
      </h3>
      <p>{t("apppw.newHint")}</p>
      <label for="new-token-login">{t("apppw.login")}</label>
      <div class="inline-field">
        <input id="new-token-login" readOnly value={created.login} />
        <CopyButton text={created.login} fieldId="new-token-login" label={t("apppw.copyLogin")} />
      </div>
      <label for="new-token-password">{t("apppw.password")}</label>
      <div class="inline-field">
        <input id="new-token-password" class="token" readOnly value={created.token} spellcheck={false} />
        <CopyButton text={created.token} fieldId="new-token-password" label={t("apppw.copyPassword")} />
      </div>
      <button type="button" class="button button-primary" onClick={onDone}>
        {t("action.done")}
      </button>
    </div>
  );
}
