import { isInstanceAdmin } from "../../state/session";
import { SectionedView, type Section } from "../../ui/sectioned-view";
import { GroupsAdmin } from "./groups";
import { OrgsAdmin } from "./orgs";
import { UsersAdmin } from "./users";

/** Organisations span the instance: org admins see only their own accounts and groups. */
const SECTIONS: (Section & { instanceOnly?: boolean })[] = [
  { path: "/admin/users", label: "admin.users", view: UsersAdmin },
  { path: "/admin/groups", label: "admin.groups", view: GroupsAdmin },
  { path: "/admin/orgs", label: "admin.orgs", view: OrgsAdmin, instanceOnly: true },
];

export function AdminView() {
  return <SectionedView sections={SECTIONS.filter((s) => !s.instanceOnly || isInstanceAdmin.value)} sidebarLabel="menu.admin" />;
}
