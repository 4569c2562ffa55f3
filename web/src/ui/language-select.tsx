import { useState } from "preact/hooks";
import { language, LANGUAGES, t, type Language } from "../i18n";
import { switchLanguage } from "../state/session";
import { describeError } from "./errors";

/** Each language named in itself, so that someone lost in the wrong one still finds theirs. */
const NATIVE_NAMES: Record<Language, string> = { fr: "Français", en: "English" };

export function LanguageSelect({ id }: { id: string }) {
  const [error, setError] = useState<string | null>(null);
  const change = async (event: Event) => {
    setError(null);
    try {
      await switchLanguage((event.currentTarget as HTMLSelectElement).value as Language);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  return (
    <div class="language-select">
      <label for={id}>{t("language.label")}</label>
      <select id={id} value={language.value} onChange={change}>
        {LANGUAGES.map((lang) => (
          <option key={lang} value={lang} lang={lang}>
            {NATIVE_NAMES[lang]}
          </option>
        ))}
      </select>
      {error && (
        <p class="status status-error" role="alert">
          {error}
        </p>
      )}
    </div>
  );
}
