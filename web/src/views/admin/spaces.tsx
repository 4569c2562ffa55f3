import { useEffect, useRef, useState } from "preact/hooks";
import { listOrgs, type Org } from "../../api/admin";
import { createSpace, deleteSpace, listSpaces, updateSpace, type Space } from "../../api/spaces";
import { t, tn } from "../../i18n";
import { formatBytes } from "../../i18n/format";
import { account, isInstanceAdmin } from "../../state/session";
import { useConfirm } from "../../ui/confirm";
import { QuotaSelect, type QuotaChoice } from "../../ui/quota-select";
import { Status } from "../../ui/status";
import { useAction } from "../../ui/use-action";
import { FieldForm } from "../settings/field-form";
import { SpaceMembers } from "../spaces/space-members";

/** Spaces have no instance default: "none" is unlimited, as for organisations. */
const quotaChoice = (bytes: number | null): QuotaChoice => (bytes === null ? "none" : `${bytes}`);
const quotaBytes = (choice: QuotaChoice) => (choice === "none" || choice === "default" ? null : Number(choice));

export const usageText = (space: Pick<Space, "usedBytes" | "quotaBytes">) =>
  space.quotaBytes === null
    ? t("quota.used", { used: formatBytes(space.usedBytes) })
    : t("quota.usedOf", { used: formatBytes(space.usedBytes), total: formatBytes(space.quotaBytes) });

/** Renaming, the quota and deletion are for instance admins and the space's org admins; managers only see members. */
const administers = (space: Space) => isInstanceAdmin.value || (space.orgId !== null && (account.value?.subadmin.includes(space.orgId) ?? false));

function CreateSpaceForm({ orgs, onCreated }: { orgs: Org[] | null; onCreated: (space: Space) => void }) {
  const [name, setName] = useState("");
  const [orgId, setOrgId] = useState("");
  const [quota, setQuota] = useState<QuotaChoice>("none");
  const action = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const trimmed = name.trim();
    // An org admin's space goes to their organisation: the server picks it.
    const input = { name: trimmed, quotaBytes: quotaBytes(quota), ...(isInstanceAdmin.value ? { orgId: orgId || null } : {}) };
    let created: Space | null = null;
    if (await action.run(async () => (created = await createSpace(input)), t("spaces.created", { name: trimmed }))) {
      setName("");
      setQuota("none");
      if (created) onCreated(created);
    }
  };
  return (
    <form class="card grid-form" onSubmit={submit} aria-labelledby="create-space-title">
      <h2 id="create-space-title">{t("spaces.new")}</h2>
      <label for="new-space-name">{t("spaces.name")}</label>
      <input id="new-space-name" required maxLength={255} placeholder={t("spaces.namePlaceholder")} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      {isInstanceAdmin.value && (
        <>
          <label for="new-space-org">{t("spaces.org")}</label>
          <select id="new-space-org" value={orgId} onChange={(e) => setOrgId(e.currentTarget.value)}>
            <option value="">{t("spaces.noOrg")}</option>
            {(orgs ?? []).map((org) => (
              <option key={org.id} value={org.id}>
                {org.name}
              </option>
            ))}
          </select>
        </>
      )}
      <label for="new-space-quota">{t("spaces.quota")}</label>
      <QuotaSelect id="new-space-quota" value={quota} onChange={setQuota} withDefault={false} />
      <button type="submit" class="button button-primary" disabled={action.busy || !name.trim()}>
        {t("spaces.create")}
      </button>
      <Status state={action} />
    </form>
  );
}

function SpacePanel({ space, onChanged, onCount, onClose }: { space: Space; onChanged: (space: Space) => void; onCount: (count: number) => void; onClose: () => void }) {
  const heading = useRef<HTMLHeadingElement>(null);
  const quota = useAction();
  useEffect(() => heading.current?.focus(), [space.id]);
  const setQuota = (choice: QuotaChoice) =>
    void quota.run(async () => onChanged(await updateSpace(space.id, { quotaBytes: quotaBytes(choice) })), t("spaces.quotaDone", { name: space.name }));

  return (
    <section class="card space-panel" aria-labelledby={`space-${space.id}-title`}>
      <div class="toolbar">
        <h2 id={`space-${space.id}-title`} ref={heading} tabIndex={-1}>
          {t("spaces.settingsOf", { name: space.name })}
        </h2>
        <button type="button" class="button" onClick={onClose}>
          {t("spaces.close")}
        </button>
      </div>
      {administers(space) && (
        <div class="field-row">
          <FieldForm
            id={`space-${space.id}-name`}
            label={t("spaces.name")}
            initial={space.name}
            required
            save={async (name) => onChanged(await updateSpace(space.id, { name }))}
          />
          <div class="field-form">
            <label for={`space-${space.id}-quota`}>{t("spaces.quotaOf", { name: space.name })}</label>
            <QuotaSelect id={`space-${space.id}-quota`} value={quotaChoice(space.quotaBytes)} onChange={setQuota} withDefault={false} disabled={quota.busy} />
            <p class="hint">{usageText(space)}</p>
            <Status state={quota} />
          </div>
        </div>
      )}
      <SpaceMembers space={space} onCount={onCount} />
    </section>
  );
}

/**
 * Administration → Espaces: the "bureaux virtuels". Instance admins see every space, org admins their
 * organisation's (and those they manage); the server decides the list (workers/spaces/admin-routes.ts).
 */
export function SpacesAdmin() {
  const [spaces, setSpaces] = useState<Space[] | null>(null);
  const [orgs, setOrgs] = useState<Org[] | null>(null);
  const [openId, setOpenId] = useState<number | null>(null);
  const loading = useAction();
  const acting = useAction();
  const { dialog, ask } = useConfirm();

  useEffect(() => {
    void loading.run(async () => {
      const [list, orgList] = await Promise.all([listSpaces(), isInstanceAdmin.value ? listOrgs() : Promise.resolve(null)]);
      setSpaces(list);
      setOrgs(orgList);
    });
  }, []);

  const replace = (next: Space) => setSpaces((list) => list?.map((s) => (s.id === next.id ? next : s)) ?? null);
  const orgName = (id: string | null) => (id === null ? "—" : (orgs?.find((o) => o.id === id)?.name ?? id));
  const open = spaces?.find((s) => s.id === openId) ?? null;

  const remove = async (space: Space) => {
    if (!(await ask(t("spaces.deleteQuestion", { name: space.name }), t("action.delete"), { typed: space.name }))) return;
    await acting.run(async () => {
      await deleteSpace(space.id);
      setSpaces((list) => list?.filter((s) => s.id !== space.id) ?? null);
      if (openId === space.id) setOpenId(null);
    }, t("spaces.deleted", { name: space.name }));
  };

  return (
    <div class="admin-page">
      <p class="hint">{t("spaces.intro")}</p>
      {canCreate() && (
        <CreateSpaceForm
          orgs={orgs}
          onCreated={(space) => {
            setSpaces((list) => [...(list ?? []), space].sort((a, b) => a.name.localeCompare(b.name)));
            setOpenId(space.id);
          }}
        />
      )}
      <Status state={acting} />
      {loading.error && <Status state={loading} />}
      {spaces === null ? (
        !loading.error && <p>{t("common.loading")}</p>
      ) : spaces.length === 0 ? (
        <p class="hint">{t("spaces.none")}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t("admin.spaces")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("spaces.name")}</th>
                <th scope="col">{t("spaces.org")}</th>
                <th scope="col">{t("spaces.quota")}</th>
                <th scope="col">{t("spaces.members")}</th>
                <th scope="col">
                  <span class="visually-hidden">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {spaces.map((space) => (
                <tr key={space.id}>
                  <th scope="row">{space.name}</th>
                  <td data-label={t("spaces.org")}>{orgName(space.orgId)}</td>
                  <td data-label={t("spaces.quota")}>{usageText(space)}</td>
                  <td data-label={t("spaces.members")}>{tn("spaces.memberCount", space.memberCount)}</td>
                  <td class="actions">
                    <button
                      type="button"
                      class="button"
                      aria-expanded={openId === space.id}
                      aria-controls={openId === space.id ? `space-panel-${space.id}` : undefined}
                      aria-label={t("spaces.manageNamed", { name: space.name })}
                      onClick={() => setOpenId(openId === space.id ? null : space.id)}
                    >
                      {t("spaces.manage")}
                    </button>
                    {administers(space) && (
                      <button
                        type="button"
                        class="button button-danger"
                        disabled={acting.busy}
                        aria-label={t("spaces.deleteNamed", { name: space.name })}
                        onClick={() => void remove(space)}
                      >
                        {t("action.delete")}
                      </button>
                    )}
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {open && (
        <div id={`space-panel-${open.id}`}>
          <SpacePanel
            key={open.id}
            space={open}
            onChanged={replace}
            onCount={(memberCount) => replace({ ...open, memberCount })}
            onClose={() => setOpenId(null)}
          />
        </div>
      )}
      {dialog}
    </div>
  );
}

/** Instance admins and org admins create spaces; a manager who administers no organisation does not. */
function canCreate(): boolean {
  if (isInstanceAdmin.value) return true;
  const user = account.value;
  return !!user && user.organisation !== "" && user.subadmin.includes(user.organisation);
}
