import { SectionedView, type Section } from "../../ui/sectioned-view";
import { PersonalSettings } from "./personal";
import { SecuritySettings } from "./security";

const SECTIONS: Section[] = [
  { path: "/settings/personal", label: "settings.personal", view: PersonalSettings },
  { path: "/settings/security", label: "settings.security", view: SecuritySettings },
];

export function SettingsView() {
  return <SectionedView sections={SECTIONS} sidebarLabel="menu.settings" />;
}
