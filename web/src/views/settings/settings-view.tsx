import type { FunctionComponent } from "preact";
import { t, type MessageKey } from "../../i18n";
import { path } from "../../router";
import { AppShell } from "../../ui/app-shell";
import { Link } from "../../ui/link";
import { PersonalSettings } from "./personal";
import { SecuritySettings } from "./security";

const PAGES: { path: string; label: MessageKey; view: FunctionComponent }[] = [
  { path: "/settings/personal", label: "settings.personal", view: PersonalSettings },
  { path: "/settings/security", label: "settings.security", view: SecuritySettings },
];

export function SettingsView() {
  const page = PAGES.find((p) => p.path === path.value) ?? PAGES[0]!;
  const View = page.view;
  return (
    <AppShell
      title={t(page.label)}
      sidebarLabel={t("menu.settings")}
      sidebar={
        <ul class="sidebar-list">
          {PAGES.map((p) => (
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
