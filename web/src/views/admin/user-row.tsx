import { UNLIMITED_QUOTA, type CloudUser } from "../../api/account";
import { t } from "../../i18n";
import { formatBytes } from "../../i18n/format";
import { isInstanceAdmin, me } from "../../state/session";
import { QuotaSelect, quotaChoiceOf, type QuotaChoice } from "../../ui/quota-select";
import { RelativeTime } from "../../ui/relative-time";

export interface UserActions {
  setEnabled: (user: CloudUser, enabled: boolean) => void;
  remove: (user: CloudUser) => void;
  setQuota: (user: CloudUser, quota: QuotaChoice) => void;
  setOrgAdmin: (user: CloudUser, on: boolean) => void;
  setGroup: (user: CloudUser, group: string, member: boolean) => void;
}

/** The groups the administrator hands out, as checkboxes under a disclosure so the row stays short. */
function GroupEditor({ user, groups, name, actions, busy }: { user: CloudUser; groups: string[]; name: string; actions: UserActions; busy: boolean }) {
  if (groups.length === 0) return null;
  return (
    <details class="group-editor">
      <summary aria-label={t("users.editGroupsOf", { name })}>{t("users.editGroups")}</summary>
      <fieldset>
        <legend class="visually-hidden">{t("users.groupsOf", { name })}</legend>
        <div class="checkbox-list">
          {groups.map((group) => (
            <label key={group} class="checkbox">
              <input type="checkbox" checked={user.groups.includes(group)} disabled={busy} onChange={(e) => actions.setGroup(user, group, e.currentTarget.checked)} />
              {group}
            </label>
          ))}
        </div>
      </fieldset>
    </details>
  );
}

/** The API reports the quota in force; an unlimited one comes back as Nextcloud's -3. */
const quotaBytes = (user: CloudUser) => (user.quota.quota === UNLIMITED_QUOTA || user.quota.quota < 0 ? UNLIMITED_QUOTA : user.quota.quota);

export function UserRow({ user, groups, actions, busy }: { user: CloudUser; groups: string[]; actions: UserActions; busy: boolean }) {
  const self = user.id === me.value?.id;
  const name = user.displayname || user.id;
  const orgAdmin = user.organisation !== "" && user.subadmin.includes(user.organisation);
  return (
    <tr class={user.enabled ? "" : "row-disabled"}>
      <th scope="row">
        <span class="user-name">{name}</span>
        <span class="user-id">{user.id}</span>
        {user.email && <span class="user-id">{user.email}</span>}
      </th>
      <td data-label={t("users.groups")}>
        {user.groups.join(", ")}
        <GroupEditor user={user} groups={groups} name={name} actions={actions} busy={busy} />
      </td>
      <td data-label={t("users.quota")}>
        <span class="quota-used">{t("users.usedShort", { used: formatBytes(user.quota.used) })}</span>
        <label class="visually-hidden" for={`quota-${user.id}`}>
          {t("users.quotaOf", { name })}
        </label>
        <QuotaSelect
          id={`quota-${user.id}`}
          value={quotaChoiceOf(quotaBytes(user))}
          onChange={(quota) => actions.setQuota(user, quota)}
          disabled={busy || (self && !isInstanceAdmin.value)}
        />
      </td>
      <td data-label={t("users.lastLogin")}>{user.lastLogin ? <RelativeTime epochMs={user.lastLogin} /> : t("users.neverLoggedIn")}</td>
      <td data-label={t("users.status")}>{user.enabled ? t("users.enabled") : t("users.disabled")}</td>
      {isInstanceAdmin.value && (
        <td data-label={t("users.orgAdmin")}>
          <label class="checkbox">
            <input type="checkbox" checked={orgAdmin} disabled={busy || !user.organisation} onChange={(e) => actions.setOrgAdmin(user, e.currentTarget.checked)} />
            <span class="visually-hidden">{t("users.orgAdminOf", { name })}</span>
            <span aria-hidden="true">{user.organisation || "—"}</span>
          </label>
        </td>
      )}
      <td class="actions">
        <button type="button" class="button" disabled={busy || self} onClick={() => actions.setEnabled(user, !user.enabled)} aria-label={t(user.enabled ? "users.disableNamed" : "users.enableNamed", { name })}>
          {user.enabled ? t("users.disable") : t("users.enable")}
        </button>
        <button type="button" class="button button-danger" disabled={busy || self} onClick={() => actions.remove(user)} aria-label={t("users.deleteNamed", { name })}>
          {t("action.delete")}
        </button>
      </td>
    </tr>
  );
}
