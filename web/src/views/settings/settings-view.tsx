import { SectionedView, type Section } from "../../ui/sectioned-view";
import { ActivitySettingsView } from "./activity";
import { MySpacesView } from "./my-spaces";
import { PersonalSettings } from "./personal";
import { SecuritySettings } from "./security";

const SECTIONS: Section[] = [
  { path: "/settings/personal", label: "settings.personal", view: PersonalSettings },
  { path: "/settings/security", label: "settings.security", view: SecuritySettings },
  { path: "/settings/activity", label: "settings.activity", view: ActivitySettingsView },
  { path: "/settings/spaces", label: "settings.mySpaces", view: MySpacesView },
];

export function SettingsView() {
  return <SectionedView sections={SECTIONS} sidebarLabel="menu.settings" />;
}
