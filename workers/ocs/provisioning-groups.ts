import { eq, like } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { groupMembers, groups, subadmins } from "../../schema/core";
import { adminScope, assertAccountManager, assertCanManageGroup, assertInstanceAdmin } from "../accounts/admin-rights";
import { requireAuth } from "../accounts/authenticate";
import { displayNameSchema, groupIdSchema } from "../accounts/identifiers";
import type { AppEnv } from "../http/app-env";
import { forgetPrincipal } from "../spaces/service";
import { OcsError, ocsOk } from "./envelope";
import { ocsInput } from "./params";

export const provisioningGroupRoutes = new Hono<AppEnv>()
  .get("/cloud/groups", async (c) => {
    const scope = await adminScope(c.var.db, requireAuth(c).user);
    assertAccountManager(scope);
    const { search = "" } = await ocsInput(c, z.object({ search: z.string().max(255).optional(), limit: z.string().optional(), offset: z.string().optional() }).strict());
    const rows = await c.var.db
      .select({ id: groups.id })
      .from(groups)
      .where(like(groups.id, `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`))
      .orderBy(groups.id);
    return ocsOk(c, { groups: rows.map((r) => r.id).filter((id) => scope.isAdmin || scope.subadminOf.has(id)) });
  })
  .post("/cloud/groups", async (c) => {
    const { db } = c.var;
    assertInstanceAdmin(await adminScope(db, requireAuth(c).user));
    const input = await ocsInput(c, z.object({ groupid: groupIdSchema, displayname: displayNameSchema.optional() }).strict());
    if (await db.query.groups.findFirst({ where: eq(groups.id, input.groupid) })) throw new OcsError(102, "Group already exists");
    await db.insert(groups).values({ id: input.groupid, displayName: input.displayname ?? input.groupid });
    return ocsOk(c);
  })
  .get("/cloud/groups/:groupid", async (c) => {
    const { db } = c.var;
    const groupId = c.req.param("groupid");
    assertCanManageGroup(await adminScope(db, requireAuth(c).user), groupId);
    if (!(await db.query.groups.findFirst({ where: eq(groups.id, groupId) }))) throw new OcsError(404, "Group does not exist");
    const rows = await db.select({ id: groupMembers.userId }).from(groupMembers).where(eq(groupMembers.groupId, groupId)).orderBy(groupMembers.userId);
    return ocsOk(c, { users: rows.map((r) => r.id) });
  })
  .get("/cloud/groups/:groupid/subadmins", async (c) => {
    const { db } = c.var;
    const groupId = c.req.param("groupid");
    assertCanManageGroup(await adminScope(db, requireAuth(c).user), groupId);
    const rows = await db.select({ id: subadmins.userId }).from(subadmins).where(eq(subadmins.groupId, groupId)).orderBy(subadmins.userId);
    return ocsOk(c, rows.map((r) => r.id));
  })
  .delete("/cloud/groups/:groupid", async (c) => {
    const { db } = c.var;
    assertInstanceAdmin(await adminScope(db, requireAuth(c).user));
    const groupId = c.req.param("groupid");
    if (groupId === "admin") throw new OcsError(102, "The admin group cannot be deleted");
    const group = await db.query.groups.findFirst({ where: eq(groups.id, groupId) });
    if (!group) throw new OcsError(101, "Group does not exist");
    if (group.orgId === group.id) throw new OcsError(403, "This is an organisation's own group; close the organisation instead");
    await db.batch([db.delete(groups).where(eq(groups.id, groupId)), forgetPrincipal(db, "group", groupId)]);
    return ocsOk(c);
  });
