import type { FunctionComponent } from "preact";
import { t, type MessageKey } from "../../i18n";
import { path } from "../../router";
import { isInstanceAdmin } from "../../state/session";
import { AppShell } from "../../ui/app-shell";
import { Link } from "../../ui/link";
import { GroupsAdmin } from "./groups";
import { OrgsAdmin } from "./orgs";
import { UsersAdmin } from "./users";

interface Page {
  path: string;
  label: MessageKey;
  view: FunctionComponent;
  /** Organisations span the instance: their admins see only their own accounts. */
  instanceOnly?: boolean;
}

const PAGES: Page[] = [
  { path: "/admin/users", label: "admin.users", view: UsersAdmin },
  { path: "/admin/groups", label: "admin.groups", view: GroupsAdmin },
  { path: "/admin/orgs", label: "admin.orgs", view: OrgsAdmin, instanceOnly: true },
];

export function AdminView() {
  const pages = PAGES.filter((p) => !p.instanceOnly || isInstanceAdmin.value);
  const page = pages.find((p) => p.path === path.value) ?? pages[0]!;
  const View = page.view;
  return (
    <AppShell
      title={t(page.label)}
      sidebarLabel={t("menu.admin")}
      sidebar={
        <ul class="sidebar-list">
          {pages.map((p) => (
            <li key={p.path}>
              <Link href={p.path}>{t(p.label)}</Link>
            </li>
          ))}
        </ul>
      }
    >
      <View />
    </AppShell>
  );
}
