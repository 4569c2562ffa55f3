import { useEffect, useState } from "preact/hooks";
import { createAppPassword, listAppPasswords, revokeAppPassword, type AppPassword } from "../../api/account";
import { t } from "../../i18n";
import { me } from "../../state/session";
import { useConfirm } from "../../ui/confirm";
import { RelativeTime } from "../../ui/relative-time";
import { Status } from "../../ui/status";
import { useAction } from "../../ui/use-action";
import { NewAppPassword, type CreatedAppPassword } from "./new-app-password";

function AppPasswordRow({ item, onRevoke }: { item: AppPassword; onRevoke: (item: AppPassword) => void }) {
  return (
    <tr>
      <th scope="row">{item.name}</th>
      <td data-label={t("apppw.colCreated")}>
        <RelativeTime epochMs={item.createdAt * 1000} />
      </td>
      <td data-label={t("apppw.colLastUsed")}>{item.lastUsedAt ? <RelativeTime epochMs={item.lastUsedAt * 1000} /> : t("apppw.never")}</td>
      <td class="actions">
        <button type="button" class="button button-danger" onClick={() => onRevoke(item)} aria-label={t("apppw.revokeNamed", { name: item.name })}>
          {t("apppw.revoke")}
        </button>
      </td>
    </tr>
  );
}

/** Paramètres → Sécurité: one app password per device that syncs. */
export function SecuritySettings() {
  const [items, setItems] = useState<AppPassword[] | null>(null);
  const [name, setName] = useState("");
  const [created, setCreated] = useState<CreatedAppPassword | null>(null);
  const loading = useAction();
  const creating = useAction();
  const revoking = useAction();
  const { dialog, ask } = useConfirm();

  const reload = () => loading.run(async () => setItems(await listAppPasswords()));
  useEffect(() => void reload(), []);

  const create = async (event: Event) => {
    event.preventDefault();
    const user = me.value;
    if (!user) return;
    await creating.run(async () => {
      const result = await createAppPassword(name.trim());
      setCreated({ name: result.name, login: user.id, token: result.token });
      setName("");
      setItems(await listAppPasswords());
    });
  };

  const revoke = async (item: AppPassword) => {
    if (!(await ask(t("apppw.revokeQuestion", { name: item.name }), t("apppw.revoke")))) return;
    await revoking.run(async () => {
      await revokeAppPassword(item.id);
      setItems(await listAppPasswords());
    }, t("apppw.revoked", { name: item.name }));
  };

  return (
    <div class="settings-sections">
      <section class="card" aria-labelledby="apppw-title">
        <h2 id="apppw-title">{t("apppw.title")}</h2>
        <p class="hint">{t("apppw.intro")}</p>
        {created ? (
          <NewAppPassword created={created} onDone={() => setCreated(null)} />
        ) : (
          <form class="inline-form" onSubmit={create}>
            <label for="apppw-name">{t("apppw.name")}</label>
            <div class="inline-field">
              <input id="apppw-name" required maxLength={120} placeholder={t("apppw.namePlaceholder")} value={name} onInput={(e) => setName(e.currentTarget.value)} />
              <button type="submit" class="button button-primary" disabled={creating.busy || !name.trim()}>
                {t("apppw.create")}
              </button>
            </div>
            <Status state={creating} />
          </form>
        )}
      </section>
      <section class="card" aria-labelledby="devices-title">
        <h2 id="devices-title">{t("apppw.listTitle")}</h2>
        <Status state={revoking} />
        {loading.error && <Status state={loading} />}
        {items === null ? (
          <p>{t("common.loading")}</p>
        ) : items.length === 0 ? (
          <p class="hint">{t("apppw.none")}</p>
        ) : (
          <div class="table-wrap">
            <table class="table">
              <caption class="visually-hidden">{t("apppw.listTitle")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("apppw.colName")}</th>
                  <th scope="col">{t("apppw.colCreated")}</th>
                  <th scope="col">{t("apppw.colLastUsed")}</th>
                  <th scope="col">
                    <span class="visually-hidden">{t("common.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {items.map((item) => (
                  <AppPasswordRow key={item.id} item={item} onRevoke={revoke} />
                ))}
              </tbody>
            </table>
          </div>
        )}
      </section>
      {dialog}
    </div>
  );
}
