import { useEffect, useState } from "preact/hooks";
import { createGroup, deleteGroup, listGroupIds, listGroupMembers, listOrgs } from "../../api/admin";
import { inBatches } from "../../api/in-batches";
import { t, tn } from "../../i18n";
import { isInstanceAdmin } from "../../state/session";
import { useConfirm } from "../../ui/confirm";
import { Status } from "../../ui/status";
import { useAction } from "../../ui/use-action";

interface GroupInfo {
  id: string;
  members: number;
}

function CreateGroupForm({ onCreated }: { onCreated: () => void }) {
  const [id, setId] = useState("");
  const [name, setName] = useState("");
  const action = useAction();
  const submit = async (event: Event) => {
    event.preventDefault();
    const groupId = id.trim();
    if (await action.run(() => createGroup(groupId, name.trim()), t("groups.created", { id: groupId }))) {
      setId("");
      setName("");
      onCreated();
    }
  };
  return (
    <form class="card grid-form" onSubmit={submit} aria-labelledby="create-group-title">
      <h2 id="create-group-title">{t("groups.new")}</h2>
      <label for="new-group-id">{t("groups.id")}</label>
      <input id="new-group-id" required maxLength={64} value={id} onInput={(e) => setId(e.currentTarget.value)} />
      <label for="new-group-name">{t("groups.displayName")}</label>
      <input id="new-group-name" maxLength={255} value={name} onInput={(e) => setName(e.currentTarget.value)} />
      <button type="submit" class="button button-primary" disabled={action.busy || !id.trim()}>
        {t("groups.create")}
      </button>
      <Status state={action} />
    </form>
  );
}

export function GroupsAdmin() {
  const [groups, setGroups] = useState<GroupInfo[] | null>(null);
  // The admin group and each organisation's own group cannot be deleted here (an organisation is closed instead).
  const [kept, setKept] = useState<Set<string>>(new Set(["admin"]));
  const loading = useAction();
  const deleting = useAction();
  const { dialog, ask } = useConfirm();
  const load = () =>
    loading.run(async () => {
      const [ids, orgs] = await Promise.all([listGroupIds(), isInstanceAdmin.value ? listOrgs() : Promise.resolve([])]);
      setKept(new Set(["admin", ...orgs.map((o) => o.id)]));
      setGroups(await inBatches(ids, 6, async (id) => ({ id, members: (await listGroupMembers(id)).length })));
    });
  useEffect(() => void load(), []);

  const remove = async (id: string) => {
    if (!(await ask(t("groups.deleteQuestion", { id }), t("action.delete")))) return;
    await deleting.run(async () => {
      await deleteGroup(id);
      setGroups((list) => list?.filter((g) => g.id !== id) ?? null);
    }, t("groups.deleted", { id }));
  };

  return (
    <div class="admin-page">
      {isInstanceAdmin.value && <CreateGroupForm onCreated={() => void load()} />}
      <Status state={deleting} />
      {loading.error && <Status state={loading} />}
      {groups === null ? (
        <p>{t("common.loading")}</p>
      ) : groups.length === 0 ? (
        <p class="hint">{t("groups.none")}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t("admin.groups")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("groups.id")}</th>
                <th scope="col">{t("groups.members")}</th>
                {isInstanceAdmin.value && (
                  <th scope="col">
                    <span class="visually-hidden">{t("common.actions")}</span>
                  </th>
                )}
              </tr>
            </thead>
            <tbody>
              {groups.map((group) => (
                <tr key={group.id}>
                  <th scope="row">{group.id}</th>
                  <td data-label={t("groups.members")}>{tn("groups.memberCount", group.members)}</td>
                  {isInstanceAdmin.value && (
                    <td class="actions">
                      {!kept.has(group.id) && (
                        <button
                          type="button"
                          class="button button-danger"
                          disabled={deleting.busy}
                          aria-label={t("groups.deleteNamed", { id: group.id })}
                          onClick={() => void remove(group.id)}
                        >
                          {t("action.delete")}
                        </button>
                      )}
                    </td>
                  )}
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      {dialog}
    </div>
  );
}
