import { useEffect, useState } from "preact/hooks";
import { createUser } from "../../api/admin";
import { fetchPasswordPolicy, type PasswordPolicy } from "../../api/auth";
import { t } from "../../i18n";
import { isInstanceAdmin } from "../../state/session";
import { meetsPolicy, PasswordPolicyList } from "../../ui/password-policy";
import { QuotaSelect, type QuotaChoice } from "../../ui/quota-select";
import { Status } from "../../ui/status";
import { useAction } from "../../ui/use-action";

const EMPTY = { userid: "", displayName: "", email: "", password: "" };

export function CreateUserForm({ groups, onCreated }: { groups: string[]; onCreated: (id: string) => void }) {
  const [fields, setFields] = useState(EMPTY);
  const [chosenGroups, setChosenGroups] = useState<string[]>([]);
  const [quota, setQuota] = useState<QuotaChoice>("default");
  const [policy, setPolicy] = useState<PasswordPolicy | null>(null);
  const action = useAction();
  useEffect(() => {
    fetchPasswordPolicy().then(setPolicy, () => setPolicy(null));
  }, []);

  // The server refuses an org admin's account without one of their groups, so say it before.
  const needsGroup = !isInstanceAdmin.value && chosenGroups.length === 0;
  const valid = fields.userid.trim() !== "" && policy !== null && meetsPolicy(policy, fields.password) && !needsGroup;
  const set = (key: keyof typeof EMPTY) => (event: Event) => setFields({ ...fields, [key]: (event.currentTarget as HTMLInputElement).value });
  const toggleGroup = (group: string, on: boolean) => setChosenGroups(on ? [...chosenGroups, group] : chosenGroups.filter((g) => g !== group));

  const submit = async (event: Event) => {
    event.preventDefault();
    const userid = fields.userid.trim();
    const ok = await action.run(
      () =>
        createUser({
          userid,
          password: fields.password,
          displayName: fields.displayName.trim() || userid,
          email: fields.email.trim(),
          groups: chosenGroups,
          quota: isInstanceAdmin.value && quota !== "default" ? quota : undefined,
        }),
      t("users.created", { id: userid }),
    );
    if (!ok) return;
    setFields(EMPTY);
    setChosenGroups([]);
    setQuota("default");
    onCreated(userid);
  };

  return (
    <form class="card grid-form" onSubmit={submit} aria-labelledby="create-user-title">
      <h2 id="create-user-title">{t("users.new")}</h2>
      <label for="new-userid">{t("users.id")}</label>
      <input id="new-userid" required autoComplete="off" maxLength={64} value={fields.userid} onInput={set("userid")} />
      <label for="new-displayname">{t("users.displayName")}</label>
      <input id="new-displayname" autoComplete="off" maxLength={255} value={fields.displayName} onInput={set("displayName")} />
      <label for="new-email">{t("users.email")}</label>
      <input id="new-email" type="email" autoComplete="off" value={fields.email} onInput={set("email")} />
      <label for="new-password">{t("users.password")}</label>
      <input id="new-password" type="password" autoComplete="new-password" required aria-describedby="new-user-policy" value={fields.password} onInput={set("password")} />
      {policy && <PasswordPolicyList policy={policy} password={fields.password} id="new-user-policy" />}
      <fieldset>
        <legend>{t("users.groups")}</legend>
        {groups.length === 0 && <p class="hint">{t("groups.none")}</p>}
        <div class="checkbox-list">
          {groups.map((group) => (
            <label key={group} class="checkbox">
              <input type="checkbox" checked={chosenGroups.includes(group)} onChange={(e) => toggleGroup(group, e.currentTarget.checked)} />
              {group}
            </label>
          ))}
        </div>
        {needsGroup && <p class="hint">{t("users.groupRequired")}</p>}
      </fieldset>
      {isInstanceAdmin.value && (
        <>
          <label for="new-quota">{t("users.quota")}</label>
          <QuotaSelect id="new-quota" value={quota} onChange={setQuota} />
        </>
      )}
      <button type="submit" class="button button-primary" disabled={action.busy || !valid}>
        {t("users.create")}
      </button>
      <Status state={action} />
    </form>
  );
}
