import { useEffect, useState } from "preact/hooks";
import { UNLIMITED_QUOTA } from "../../api/account";
import { createOrg, listOrgs, type Org } from "../../api/admin";
import { t, tn } from "../../i18n";
import { formatBytes } from "../../i18n/format";
import { QuotaSelect, type QuotaChoice } from "../../ui/quota-select";
import { RelativeTime } from "../../ui/relative-time";
import { Status } from "../../ui/status";
import { useAction } from "../../ui/use-action";

/** An organisation's id names its group too, and the API only takes lower-case letters, digits and dashes. */
const slug = (name: string) =>
  name
    .normalize("NFD")
    .replace(/[\u0300-\u036f]/g, "")
    .toLowerCase()
    .replace(/[^a-z0-9]+/g, "-")
    .replace(/^-+|-+$/g, "")
    .slice(0, 64);

function CreateOrgForm({ onCreated }: { onCreated: () => void }) {
  const [name, setName] = useState("");
  const [id, setId] = useState("");
  const [idEdited, setIdEdited] = useState(false);
  const [quota, setQuota] = useState<QuotaChoice>("none");
  const action = useAction();
  const orgId = idEdited ? id : slug(name);
  const submit = async (event: Event) => {
    event.preventDefault();
    const quotaBytes = quota === "none" || quota === "default" ? null : Number(quota);
    if (await action.run(() => createOrg({ id: orgId, name: name.trim(), quotaBytes }), t("orgs.created", { name: name.trim() }))) {
      setName("");
      setId("");
      setIdEdited(false);
      setQuota("none");
      onCreated();
    }
  };
  return (
    <form class="card grid-form" onSubmit={submit} aria-labelledby="create-org-title">
      <h2 id="create-org-title">{t("orgs.new")}</h2>
      <label for="new-org-name">{t("orgs.name")}</label>
      <input id="new-org-name" required maxLength={255} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <label for="new-org-id">{t("orgs.id")}</label>
      <input
        id="new-org-id"
        required
        pattern="[a-z0-9][a-z0-9\-]*"
        minLength={2}
        maxLength={64}
        aria-describedby="new-org-id-hint"
        value={orgId}
        onInput={(e) => {
          setIdEdited(true);
          setId(e.currentTarget.value);
        }}
      />
      <p id="new-org-id-hint" class="hint">
        {t("orgs.idHint")}
      </p>
      <label for="new-org-quota">{t("orgs.quota")}</label>
      <QuotaSelect id="new-org-quota" value={quota} onChange={setQuota} withDefault={false} />
      <button type="submit" class="button button-primary" disabled={action.busy || !name.trim() || orgId.length < 2}>
        {t("orgs.create")}
      </button>
      <Status state={action} />
    </form>
  );
}

const quotaText = (org: Org) => (org.quotaBytes === null || org.quotaBytes === UNLIMITED_QUOTA ? t("quota.unlimited") : formatBytes(org.quotaBytes));

export function OrgsAdmin() {
  const [orgs, setOrgs] = useState<Org[] | null>(null);
  const loading = useAction();
  const load = () => loading.run(async () => setOrgs(await listOrgs()));
  useEffect(() => void load(), []);
  return (
    <div class="admin-page">
      <CreateOrgForm onCreated={() => void load()} />
      {loading.error && <Status state={loading} />}
      {orgs === null ? (
        <p>{t("common.loading")}</p>
      ) : orgs.length === 0 ? (
        <p class="hint">{t("orgs.none")}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t("admin.orgs")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("orgs.name")}</th>
                <th scope="col">{t("orgs.id")}</th>
                <th scope="col">{t("orgs.members")}</th>
                <th scope="col">{t("orgs.quota")}</th>
                <th scope="col">{t("orgs.createdAt")}</th>
              </tr>
            </thead>
            <tbody>
              {orgs.map((org) => (
                <tr key={org.id}>
                  <th scope="row">{org.name}</th>
                  <td data-label={t("orgs.id")}>{org.id}</td>
                  <td data-label={t("orgs.members")}>{tn("groups.memberCount", org.members)}</td>
                  <td data-label={t("orgs.quota")}>{quotaText(org)}</td>
                  <td data-label={t("orgs.createdAt")}>
                    <RelativeTime epochMs={org.createdAt * 1000} />
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
    </div>
  );
}
