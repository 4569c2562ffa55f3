import { Hono } from "hono";
import { requireAuth } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";
import { spaceRolesOf } from "../sharing/effective-access";
import type { SpaceRole } from "../sharing/permission-bits";
import { UserView } from "../sharing/user-view";
import { SpaceService } from "./service";

const RANK: Record<string, number> = { read: 1, write: 2, manage: 3 };

/** A role held directly and another through a group add up; the strongest names it. */
const strongest = (roles: readonly { role: string }[]): SpaceRole =>
  roles.reduce<SpaceRole>((best, r) => ((RANK[r.role] ?? 0) > RANK[best]! ? (r.role as SpaceRole) : best), "read");

/** GET /api/spaces: the spaces the asker is a member of, where they show in their files, and their role. */
export const spaceApi = new Hono<AppEnv>().get("/", async (c) => {
  const { db } = c.var;
  const user = requireAuth(c).user;
  const mounts = (await (await UserView.of(db, user)).mounts()).filter((m) => m.kind === "space");
  const service = new SpaceService(db, c.env.FILES);
  const spaces = await Promise.all(
    mounts.map(async (m) => {
      const [summary, roles] = await Promise.all([service.summary(m.spaceId!), spaceRolesOf(db, user.id, m.spaceId!)]);
      return { ...summary!, path: `/${m.name}`, rootId: m.node.id, role: strongest(roles) };
    }),
  );
  return c.json({ spaces });
});
