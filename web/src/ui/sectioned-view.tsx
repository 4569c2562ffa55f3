import type { FunctionComponent } from "preact";
import { t, type MessageKey } from "../i18n";
import { path } from "../router";
import { AppShell } from "./app-shell";
import { Link } from "./link";

export interface Section {
  path: string;
  label: MessageKey;
  view: FunctionComponent;
}

/** A page made of sections listed in the sidebar (Paramètres, Administration): the current path picks one. */
export function SectionedView({ sections, sidebarLabel }: { sections: Section[]; sidebarLabel: MessageKey }) {
  const section = sections.find((s) => s.path === path.value) ?? sections[0]!;
  const View = section.view;
  return (
    <AppShell
      title={t(section.label)}
      sidebarLabel={t(sidebarLabel)}
      sidebar={
        <ul class="sidebar-list">
          {sections.map((s) => (
            <li key={s.path}>
              <Link href={s.path}>{t(s.label)}</Link>
            </li>
          ))}
        </ul>
      }
    >
      <View />
    </AppShell>
  );
}
