import { isInstanceAdmin } from "../../state/session";
import { SectionedView, type Section } from "../../ui/sectioned-view";
import { GroupsAdmin } from "./groups";
import { OrgsAdmin } from "./orgs";
import { PluginsAdmin } from "./plugins";
import { SpacesAdmin } from "./spaces";
import { UsersAdmin } from "./users";

/** Organisations span the instance: org admins see only their own accounts and groups. */
const SECTIONS: (Section & { instanceOnly?: boolean })[] = [
  { path: "/admin/users", label: "admin.users", view: UsersAdmin },
  { path: "/admin/groups", label: "admin.groups", view: GroupsAdmin },
  { path: "/admin/spaces", label: "admin.spaces", view: SpacesAdmin },
  { path: "/admin/orgs", label: "admin.orgs", view: OrgsAdmin, instanceOnly: true },
  { path: "/admin/plugins", label: "admin.plugins", view: PluginsAdmin, instanceOnly: true },
];

export function AdminView() {
  return <SectionedView sections={SECTIONS.filter((s) => !s.instanceOnly || isInstanceAdmin.value)} sidebarLabel="menu.admin" />;
}
