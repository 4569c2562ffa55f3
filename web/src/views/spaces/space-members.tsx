import { useEffect, useRef, useState } from "preact/hooks";
import {
  listMembers,
  removeMember,
  searchPrincipals,
  setMember,
  SPACE_ROLES,
  type Principal,
  type PrincipalType,
  type SpaceMember,
  type SpaceRole,
} from "../../api/spaces";
import { t } from "../../i18n";
import { useConfirm } from "../../ui/confirm";
import { Status } from "../../ui/status";
import { useAction } from "../../ui/use-action";

export const roleLabel = (role: SpaceRole) => t(`role.${role}`);

function RoleSelect({ id, value, onChange, disabled, label }: { id: string; value: SpaceRole; onChange: (role: SpaceRole) => void; disabled?: boolean; label?: string }) {
  return (
    <select id={id} value={value} disabled={disabled} aria-label={label} onChange={(e) => onChange(e.currentTarget.value as SpaceRole)}>
      {SPACE_ROLES.map((role) => (
        <option key={role} value={role}>
          {roleLabel(role)}
        </option>
      ))}
    </select>
  );
}

/** Suggestions come from the sharing directory as one types; a pause of 250 ms spares the server each keystroke. */
function useSuggestions(type: PrincipalType, text: string): Principal[] {
  const [found, setFound] = useState<Principal[]>([]);
  useEffect(() => {
    const term = text.trim();
    if (!term) return setFound([]);
    let current = true;
    const timer = setTimeout(() => {
      searchPrincipals(type, term).then(
        (list) => current && setFound(list),
        () => current && setFound([]),
      );
    }, 250);
    return () => {
      current = false;
      clearTimeout(timer);
    };
  }, [type, text]);
  return found;
}

function AddMemberForm({ spaceId, onAdded }: { spaceId: number; onAdded: (members: SpaceMember[]) => void }) {
  const [type, setType] = useState<PrincipalType>("user");
  const [who, setWho] = useState("");
  const [role, setRole] = useState<SpaceRole>("write");
  const action = useAction();
  const suggestions = useSuggestions(type, who);
  const listId = `member-suggestions-${spaceId}`;

  const submit = async (event: Event) => {
    event.preventDefault();
    const id = who.trim();
    let members: SpaceMember[] = [];
    if (await action.run(async () => (members = await setMember(spaceId, type, id, role)), t("members.added", { name: id, role: roleLabel(role) }))) {
      setWho("");
      onAdded(members);
    }
  };

  return (
    <form class="member-form" onSubmit={submit} aria-labelledby={`add-member-${spaceId}`}>
      <h3 id={`add-member-${spaceId}`}>{t("members.add")}</h3>
      <div class="member-add">
        <div>
          <label for={`member-type-${spaceId}`}>{t("members.type")}</label>
          <select id={`member-type-${spaceId}`} value={type} onChange={(e) => setType(e.currentTarget.value as PrincipalType)}>
            <option value="user">{t("members.typeUser")}</option>
            <option value="group">{t("members.typeGroup")}</option>
          </select>
        </div>
        <div>
          <label for={`member-who-${spaceId}`}>{t("members.who")}</label>
          <input
            id={`member-who-${spaceId}`}
            required
            maxLength={64}
            autoComplete="off"
            list={listId}
            aria-describedby={`member-who-hint-${spaceId}`}
            value={who}
            onInput={(e) => setWho(e.currentTarget.value)}
          />
          <datalist id={listId}>
            {suggestions.map((p) => (
              <option key={`${p.type}:${p.id}`} value={p.id}>
                {p.label === p.id ? p.id : `${p.label} (${p.id})`}
              </option>
            ))}
          </datalist>
        </div>
        <div>
          <label for={`member-role-${spaceId}`}>{t("members.role")}</label>
          <RoleSelect id={`member-role-${spaceId}`} value={role} onChange={setRole} />
        </div>
        <button type="submit" class="button button-primary" disabled={action.busy || !who.trim()}>
          {t("members.addSubmit")}
        </button>
      </div>
      <p id={`member-who-hint-${spaceId}`} class="hint">
        {t("members.whoHint")}
      </p>
      <Status state={action} />
    </form>
  );
}

/**
 * A space's members and their roles (Lecture, Lecture et écriture, Gestionnaire), for its admins and
 * managers; the server checks each change again (spaces/rights.ts).
 */
export function SpaceMembers({ space, onCount }: { space: { id: number; name: string }; onCount?: (count: number) => void }) {
  const [members, setMembers] = useState<SpaceMember[] | null>(null);
  const loading = useAction();
  const acting = useAction();
  const { dialog, ask } = useConfirm();
  const onCountRef = useRef(onCount);
  onCountRef.current = onCount;

  const show = (list: SpaceMember[]) => {
    setMembers(list);
    onCountRef.current?.(list.length);
  };
  const reload = () => loading.run(async () => show(await listMembers(space.id)));
  useEffect(() => void reload(), [space.id]);

  const changeRole = (member: SpaceMember, role: SpaceRole) =>
    void acting
      .run(async () => show(await setMember(space.id, member.type, member.id, role)), t("members.roleDone", { name: member.displayName, role: roleLabel(role) }))
      .then((ok) => !ok && reload());

  const remove = async (member: SpaceMember) => {
    if (!(await ask(t("members.removeQuestion", { name: member.displayName, space: space.name }), t("members.remove")))) return;
    await acting.run(async () => {
      await removeMember(space.id, member.type, member.id);
      show((members ?? []).filter((m) => !(m.type === member.type && m.id === member.id)));
    }, t("members.removed", { name: member.displayName }));
  };

  return (
    <div class="space-members">
      <h3>{t("members.title")}</h3>
      <Status state={acting} />
      {loading.error && <Status state={loading} />}
      {members === null ? (
        !loading.error && <p>{t("common.loading")}</p>
      ) : members.length === 0 ? (
        <p class="hint">{t("members.none")}</p>
      ) : (
        <div class="table-wrap">
          <table class="table">
            <caption class="visually-hidden">{t("members.title")}</caption>
            <thead>
              <tr>
                <th scope="col">{t("members.colName")}</th>
                <th scope="col">{t("members.colRole")}</th>
                <th scope="col">
                  <span class="visually-hidden">{t("common.actions")}</span>
                </th>
              </tr>
            </thead>
            <tbody>
              {members.map((member) => (
                <tr key={`${member.type}:${member.id}`}>
                  <th scope="row">
                    <span class="user-name">{member.displayName}</span>
                    <span class="member-kind">{member.type === "group" ? `${t("members.group")} · ${member.id}` : member.id}</span>
                  </th>
                  <td data-label={t("members.colRole")}>
                    <RoleSelect
                      id={`role-${space.id}-${member.type}-${member.id}`}
                      value={member.role}
                      disabled={acting.busy}
                      label={t("members.roleOf", { name: member.displayName })}
                      onChange={(role) => changeRole(member, role)}
                    />
                  </td>
                  <td class="actions">
                    <button
                      type="button"
                      class="button button-danger"
                      disabled={acting.busy}
                      aria-label={t("members.removeNamed", { name: member.displayName })}
                      onClick={() => void remove(member)}
                    >
                      {t("members.remove")}
                    </button>
                  </td>
                </tr>
              ))}
            </tbody>
          </table>
        </div>
      )}
      <AddMemberForm spaceId={space.id} onAdded={show} />
      {dialog}
    </div>
  );
}
