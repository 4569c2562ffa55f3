import { editUser } from "../../api/account";
import { t } from "../../i18n";
import { me, patchMe } from "../../state/session";
import { LanguageSelect } from "../../ui/language-select";
import { FieldForm } from "./field-form";
import { PasswordForm } from "./password-form";

export function PersonalSettings() {
  const user = me.value;
  if (!user) return null;
  return (
    <div class="settings-sections">
      <section class="card" aria-labelledby="profile-title">
        <h2 id="profile-title">{t("settings.profile")}</h2>
        <p class="hint">{t("settings.loginName", { id: user.id })}</p>
        <FieldForm
          id="display-name"
          label={t("settings.displayName")}
          initial={user.displayName}
          autoComplete="name"
          required
          save={async (value) => {
            await editUser(user.id, "displayname", value);
            patchMe({ displayName: value });
          }}
        />
        <FieldForm
          id="email"
          type="email"
          label={t("settings.email")}
          initial={user.email ?? ""}
          autoComplete="email"
          save={async (value) => {
            await editUser(user.id, "email", value);
            patchMe({ email: value || null });
          }}
        />
      </section>
      <section class="card">
        <PasswordForm />
      </section>
      <section class="card" aria-labelledby="language-title">
        <h2 id="language-title">{t("settings.languageTitle")}</h2>
        <LanguageSelect id="settings-language" />
      </section>
    </div>
  );
}
