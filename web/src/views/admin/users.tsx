import { useEffect, useState } from "preact/hooks";
import { editUser, UNLIMITED_QUOTA, type CloudUser } from "../../api/account";
import { deleteUser, fetchUser, listGroupIds, listUserIds, setSubadmin, setUserEnabled, setUserGroup } from "../../api/admin";
import { inBatches } from "../../api/in-batches";
import { t, tn } from "../../i18n";
import { isInstanceAdmin } from "../../state/session";
import { useConfirm } from "../../ui/confirm";
import { Status } from "../../ui/status";
import { useAction } from "../../ui/use-action";
import { CreateUserForm } from "./create-user";
import { UserRow, type UserActions } from "./user-row";

const matches = (user: CloudUser, query: string) =>
  [user.id, user.displayname, user.email ?? ""].some((text) => text.toLowerCase().includes(query));

export function UsersAdmin() {
  const [users, setUsers] = useState<CloudUser[] | null>(null);
  const [groups, setGroups] = useState<string[]>([]);
  const [query, setQuery] = useState("");
  const [creating, setCreating] = useState(false);
  const loading = useAction();
  const acting = useAction();
  const { dialog, ask } = useConfirm();

  const load = () =>
    loading.run(async () => {
      const [ids, groupIds] = await Promise.all([listUserIds(), listGroupIds()]);
      setGroups(groupIds);
      setUsers(await inBatches(ids, 6, fetchUser));
    });
  useEffect(() => void load(), []);

  const replace = (id: string, next: (user: CloudUser) => CloudUser) => setUsers((list) => list?.map((u) => (u.id === id ? next(u) : u)) ?? null);
  const refresh = async (id: string) => {
    const fresh = await fetchUser(id);
    replace(id, () => fresh);
  };
  /** Shows a change at once, so a checkbox or a select does not jump back while the server answers; a failure reloads the truth. */
  const optimistic = (user: CloudUser, shown: CloudUser, save: () => Promise<unknown>, done: string) => {
    replace(user.id, () => shown);
    void acting.run(save, done).then(async (ok) => {
      if (!ok) await refresh(user.id);
    });
  };

  const actions: UserActions = {
    setEnabled: (user, enabled) =>
      void acting.run(async () => {
        await setUserEnabled(user.id, enabled);
        await refresh(user.id);
      }, t(enabled ? "users.enabledDone" : "users.disabledDone", { name: user.displayname || user.id })),
    remove: async (user) => {
      const name = user.displayname || user.id;
      if (!(await ask(t("users.deleteQuestion", { name }), t("action.delete")))) return;
      await acting.run(async () => {
        await deleteUser(user.id);
        setUsers((list) => list?.filter((u) => u.id !== user.id) ?? null);
      }, t("users.deleted", { name }));
    },
    setQuota: (user, quota) => {
      const shownQuota = quota === "none" ? UNLIMITED_QUOTA : quota === "default" ? user.quota.quota : Number(quota);
      optimistic(
        user,
        { ...user, quota: { ...user.quota, quota: shownQuota } },
        async () => {
          await editUser(user.id, "quota", quota);
          await refresh(user.id);
        },
        t("users.quotaDone", { name: user.displayname || user.id }),
      );
    },
    setOrgAdmin: (user, on) => {
      const subadmin = on ? [...user.subadmin, user.organisation] : user.subadmin.filter((g) => g !== user.organisation);
      optimistic(
        user,
        { ...user, subadmin },
        async () => {
          await setSubadmin(user.id, user.organisation, on);
          await refresh(user.id);
        },
        t(on ? "users.orgAdminOn" : "users.orgAdminOff", { name: user.displayname || user.id, org: user.organisation }),
      );
    },
    setGroup: (user, group, member) => {
      const groups = member ? [...user.groups, group].sort() : user.groups.filter((g) => g !== group);
      const name = user.displayname || user.id;
      optimistic(
        user,
        { ...user, groups },
        async () => {
          await setUserGroup(user.id, group, member);
          await refresh(user.id);
        },
        t(member ? "users.groupAdded" : "users.groupRemoved", { name, group }),
      );
    },
  };

  const shown = users?.filter((u) => matches(u, query.trim().toLowerCase())) ?? [];
  return (
    <div class="admin-page">
      <div class="toolbar">
        <label class="visually-hidden" for="user-search">
          {t("users.search")}
        </label>
        <input id="user-search" type="search" placeholder={t("users.search")} value={query} onInput={(e) => setQuery(e.currentTarget.value)} />
        <button type="button" class="button button-primary" aria-expanded={creating} aria-controls="create-user" onClick={() => setCreating(!creating)}>
          {t("users.new")}
        </button>
      </div>
      <div id="create-user" hidden={!creating}>
        {creating && (
          <CreateUserForm
            groups={groups}
            onCreated={(id) => {
              setCreating(false);
              void fetchUser(id).then((u) => setUsers((list) => [...(list ?? []), u].sort((a, b) => a.id.localeCompare(b.id))));
            }}
          />
        )}
      </div>
      <Status state={acting} />
      {loading.error && <Status state={loading} />}
      {users === null ? (
        <p>{t("common.loading")}</p>
      ) : (
        <>
          <p class="hint" role="status">
            {tn("users.count", shown.length)}
          </p>
          <div class="table-wrap">
            <table class="table">
              <caption class="visually-hidden">{t("admin.users")}</caption>
              <thead>
                <tr>
                  <th scope="col">{t("users.colAccount")}</th>
                  <th scope="col">{t("users.groups")}</th>
                  <th scope="col">{t("users.quota")}</th>
                  <th scope="col">{t("users.lastLogin")}</th>
                  <th scope="col">{t("users.status")}</th>
                  {isInstanceAdmin.value && <th scope="col">{t("users.orgAdmin")}</th>}
                  <th scope="col">
                    <span class="visually-hidden">{t("common.actions")}</span>
                  </th>
                </tr>
              </thead>
              <tbody>
                {shown.map((user) => (
                  <UserRow key={user.id} user={user} groups={groups} actions={actions} busy={acting.busy} />
                ))}
              </tbody>
            </table>
          </div>
        </>
      )}
      {dialog}
    </div>
  );
}
