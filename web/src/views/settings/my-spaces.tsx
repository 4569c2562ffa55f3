import { useEffect, useState } from "preact/hooks";
import { listMySpaces, type MySpace } from "../../api/spaces";
import { t, tn } from "../../i18n";
import { Link } from "../../ui/link";
import { Status } from "../../ui/status";
import { useAction } from "../../ui/use-action";
import { usageText } from "../admin/spaces";
import { roleLabel, SpaceMembers } from "../spaces/space-members";

/** Where a space shows in the member's files: its folder in their root, addressed as Nextcloud does (/files?dir=/Bureau). */
const filesPath = (space: MySpace) => `/files?dir=${encodeURIComponent(space.path).replace(/%2F/g, "/")}`;

/**
 * Paramètres → Mes espaces: the spaces one is a member of and one's role; a manager
 * (Gestionnaire) hands out roles here without being an administrator.
 */
export function MySpacesView() {
  const [spaces, setSpaces] = useState<MySpace[] | null>(null);
  const loading = useAction();
  useEffect(() => void loading.run(async () => setSpaces(await listMySpaces())), []);

  return (
    <div class="settings-sections">
      <p class="hint">{t("spaces.myIntro")}</p>
      {loading.error && <Status state={loading} />}
      {spaces === null ? (
        !loading.error && <p>{t("common.loading")}</p>
      ) : spaces.length === 0 ? (
        <p class="hint">{t("spaces.myNone")}</p>
      ) : (
        spaces.map((space) => (
          <section key={space.id} class="card space-panel" aria-labelledby={`my-space-${space.id}`}>
            <h2 id={`my-space-${space.id}`}>{space.name}</h2>
            <p>
              {t("spaces.yourRole", { role: roleLabel(space.role) })} · {usageText(space)} · {tn("spaces.memberCount", space.memberCount)}
            </p>
            <p>
              <Link href={filesPath(space)}>{t("spaces.openNamed", { name: space.name })}</Link>
            </p>
            {space.role === "manage" && (
              <SpaceMembers space={space} onCount={(memberCount) => setSpaces((list) => list?.map((s) => (s.id === space.id ? { ...s, memberCount } : s)) ?? null)} />
            )}
          </section>
        ))
      )}
    </div>
  );
}
