import { and, eq, like, or } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { groupMembers, users } from "../../schema/core";
import {
  adminScope,
  assertAccountManager,
  assertCanManageGroup,
  assertCanManageUser,
  assertInstanceAdmin,
  canManageUser,
  type AdminScope,
} from "../accounts/admin-rights";
import { requireAuth } from "../accounts/authenticate";
import { displayNameSchema, emailSchema, groupIdSchema, userIdSchema } from "../accounts/identifiers";
import { hashPassword } from "../accounts/password-hash";
import { assertPasswordAllowed, MAX_PASSWORD_LENGTH } from "../accounts/password-policy";
import { quotaSchema } from "../accounts/quota";
import { deleteUserSessions } from "../accounts/sessions";
import { nextcloudUserData } from "../accounts/user-data";
import { addToGroup, orgOfGroups, removeFromGroup, setSubadmin } from "../accounts/memberships";
import { createUser, existingGroupIds, findUser, isPerson, PERSON, subadminGroupIds, type User } from "../accounts/users";
import type { Db } from "../db/client";
import { forgetPrincipal } from "../spaces/service";
import { storageUsedBy } from "../storage/quota";
import type { AppEnv } from "../http/app-env";
import { ApiError } from "../http/errors";
import { OcsError, ocsOk } from "./envelope";
import { listParam, ocsInput } from "./params";

const passwordSchema = z.string().max(MAX_PASSWORD_LENGTH);

async function scopeOf(c: Context<AppEnv>): Promise<AdminScope> {
  return adminScope(c.var.db, requireAuth(c).user);
}

/**
 * The target of a user route; someone you may not see is "not found" rather than "forbidden" only for
 * plain users. A space's holder account is no user here: it is managed through its space.
 */
async function targetUser(db: Db, id: string): Promise<User> {
  const user = await findUser(db, id);
  if (!isPerson(user)) throw new OcsError(404, "User does not exist");
  return user;
}

/** Rethrows a policy failure as Nextcloud's code 107 ("hint"), which clients show to the person. */
function checkPassword(password: string, policy: Parameters<typeof assertPasswordAllowed>[1]) {
  try {
    assertPasswordAllowed(password, policy);
  } catch (error) {
    if (error instanceof ApiError) throw new OcsError(107, error.message);
    throw error;
  }
}

const createSchema = z
  .object({
    userid: userIdSchema,
    password: passwordSchema.optional(),
    displayName: displayNameSchema.optional(),
    displayname: displayNameSchema.optional(),
    email: z.union([emailSchema, z.literal("")]).optional(),
    groups: listParam(groupIdSchema),
    subadmin: listParam(groupIdSchema),
    quota: quotaSchema.optional(),
    language: z.string().max(16).optional(),
  })
  .strict();

const editSchema = z.object({ key: z.string().max(64), value: z.string().max(MAX_PASSWORD_LENGTH).default("") }).strict();

const groupParam = z.object({ groupid: groupIdSchema }).strict();

export const provisioningUserRoutes = new Hono<AppEnv>()
  .get("/cloud/users", async (c) => {
    const scope = await scopeOf(c);
    assertAccountManager(scope);
    const { search = "", limit, offset } = await ocsInput(
      c,
      z.object({ search: z.string().max(255).optional(), limit: z.coerce.number().int().min(1).max(1000).optional(), offset: z.coerce.number().int().min(0).optional() }).strict(),
    );
    const pattern = `%${search.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
    const matches = and(eq(users.kind, PERSON), or(like(users.id, pattern), like(users.displayName, pattern), like(users.email, pattern)));
    const rows = scope.isAdmin
      ? await c.var.db.select({ id: users.id }).from(users).where(matches).orderBy(users.id)
      : await c.var.db
          .selectDistinct({ id: users.id })
          .from(users)
          .innerJoin(groupMembers, eq(groupMembers.userId, users.id))
          .where(and(matches, or(...[...scope.subadminOf].map((g) => eq(groupMembers.groupId, g)))))
          .orderBy(users.id);
    const ids = rows.map((r) => r.id).slice(offset ?? 0, limit ? (offset ?? 0) + limit : undefined);
    return ocsOk(c, { users: ids });
  })
  .post("/cloud/users", async (c) => {
    const { db, config } = c.var;
    const scope = await scopeOf(c);
    assertAccountManager(scope);
    const input = await ocsInput(c, createSchema);
    if (!input.password) throw new OcsError(101, "A password is required");
    if (!scope.isAdmin) {
      if (!input.groups.length) throw new OcsError(106, "No group specified (required for subadmins)");
      for (const g of input.groups) assertCanManageGroup(scope, g);
      if (input.subadmin.length) throw new OcsError(403, "Only administrators may appoint sub-admins");
      if (input.quota !== undefined) throw new OcsError(403, "Only administrators may set a quota at creation");
    }
    const wanted = [...new Set([...input.groups, ...input.subadmin])];
    const existing = await existingGroupIds(db, wanted);
    const missing = wanted.find((g) => !existing.has(g));
    if (missing) throw new OcsError(104, `Group ${missing} does not exist`);
    if (await findUser(db, input.userid)) throw new OcsError(102, "User already exists");
    checkPassword(input.password, config.password);
    const user = await createUser(db, {
      id: input.userid,
      password: input.password,
      displayName: input.displayName ?? input.displayname,
      email: input.email || null,
      orgId: await orgOfGroups(db, input.groups),
      quotaBytes: input.quota ?? null,
      groupIds: input.groups,
    });
    for (const groupId of input.subadmin) await setSubadmin(db, user.id, groupId, true);
    return ocsOk(c, { id: user.id });
  })
  .get("/cloud/users/:userid", async (c) => {
    const { db, config } = c.var;
    const auth = requireAuth(c);
    const target = await targetUser(db, c.req.param("userid"));
    if (target.id !== auth.user.id) await assertCanManageUser(db, await adminScope(db, auth.user), target);
    return ocsOk(c, await nextcloudUserData(db, config, target, await storageUsedBy(db, target.id)));
  })
  .put("/cloud/users/:userid", async (c) => {
    const { db, config } = c.var;
    const auth = requireAuth(c);
    const target = await targetUser(db, c.req.param("userid"));
    const self = target.id === auth.user.id;
    const scope = await adminScope(db, auth.user);
    const manager = await canManageUser(db, scope, target);
    if (!self && !manager) throw new OcsError(403, "You do not administer this account");
    const { key, value } = await ocsInput(c, editSchema);
    const parse = <T extends z.ZodType>(schema: T): z.output<T> => {
      const result = schema.safeParse(value);
      if (!result.success) throw new OcsError(102, `Invalid ${key}: ${result.error.issues[0]?.message}`);
      return result.data;
    };
    switch (key) {
      case "displayname":
      case "display":
        await db.update(users).set({ displayName: parse(displayNameSchema) }).where(eq(users.id, target.id));
        break;
      case "email":
        await db.update(users).set({ email: parse(z.union([emailSchema, z.literal("")])) || null }).where(eq(users.id, target.id));
        break;
      case "language":
        await db.update(users).set({ language: parse(z.enum(["fr", "en"])) }).where(eq(users.id, target.id));
        break;
      case "quota":
        // Nextcloud: even an admin's own quota is set by an admin, never by the user alone.
        if (!manager || (self && !scope.isAdmin)) throw new OcsError(403, "Only an administrator may change a quota");
        await db.update(users).set({ quotaBytes: parse(quotaSchema) }).where(eq(users.id, target.id));
        break;
      case "password":
        checkPassword(value, config.password);
        await db.update(users).set({ passwordHash: await hashPassword(value) }).where(eq(users.id, target.id));
        if (!self) await deleteUserSessions(db, target.id);
        break;
      default:
        throw new OcsError(103, `Unknown field ${key}; editable: displayname, email, language, quota, password`);
    }
    return ocsOk(c);
  })
  .put("/cloud/users/:userid/:action{enable|disable}", async (c) => {
    const { db } = c.var;
    const scope = await scopeOf(c);
    const target = await targetUser(db, c.req.param("userid"));
    if (target.id === scope.actor.id) throw new OcsError(403, "You cannot enable or disable yourself");
    await assertCanManageUser(db, scope, target);
    const enabled = c.req.param("action") === "enable";
    await db.update(users).set({ enabled }).where(eq(users.id, target.id));
    if (!enabled) await deleteUserSessions(db, target.id);
    return ocsOk(c);
  })
  .delete("/cloud/users/:userid", async (c) => {
    const { db } = c.var;
    const scope = await scopeOf(c);
    const target = await targetUser(db, c.req.param("userid"));
    if (target.id === scope.actor.id) throw new OcsError(403, "You cannot delete yourself");
    await assertCanManageUser(db, scope, target);
    await db.batch([db.delete(users).where(eq(users.id, target.id)), forgetPrincipal(db, "user", target.id)]);
    return ocsOk(c);
  })
  .get("/cloud/users/:userid/groups", async (c) => {
    const { db } = c.var;
    const auth = requireAuth(c);
    const target = await targetUser(db, c.req.param("userid"));
    const scope = await adminScope(db, auth.user);
    if (target.id !== auth.user.id) await assertCanManageUser(db, scope, target);
    const rows = await db.select({ id: groupMembers.groupId }).from(groupMembers).where(eq(groupMembers.userId, target.id));
    const visible = rows.map((r) => r.id).filter((g) => target.id === auth.user.id || scope.isAdmin || scope.subadminOf.has(g));
    return ocsOk(c, { groups: visible.sort() });
  })
  .post("/cloud/users/:userid/groups", async (c) => {
    const { db } = c.var;
    const scope = await scopeOf(c);
    const { groupid } = await ocsInput(c, groupParam);
    const target = await targetUser(db, c.req.param("userid"));
    assertCanManageGroup(scope, groupid);
    if (!(await existingGroupIds(db, [groupid])).has(groupid)) throw new OcsError(102, "Group does not exist");
    if (target.isAdmin && !scope.isAdmin) throw new OcsError(403, "You do not administer this account");
    await addToGroup(db, target, groupid);
    return ocsOk(c);
  })
  .delete("/cloud/users/:userid/groups", async (c) => {
    const { db } = c.var;
    const scope = await scopeOf(c);
    const { groupid } = await ocsInput(c, groupParam);
    const target = await targetUser(db, c.req.param("userid"));
    assertCanManageGroup(scope, groupid);
    await assertCanManageUser(db, scope, target);
    if (target.id === scope.actor.id && scope.subadminOf.has(groupid)) {
      throw new OcsError(105, "You cannot remove yourself from a group you administer");
    }
    await removeFromGroup(db, target, groupid);
    return ocsOk(c);
  })
  .get("/cloud/users/:userid/subadmins", async (c) => {
    const { db } = c.var;
    const scope = await scopeOf(c);
    assertInstanceAdmin(scope);
    const target = await targetUser(db, c.req.param("userid"));
    return ocsOk(c, await subadminGroupIds(db, target.id));
  })
  .post("/cloud/users/:userid/subadmins", async (c) => {
    const { db } = c.var;
    const scope = await scopeOf(c);
    assertInstanceAdmin(scope);
    const { groupid } = await ocsInput(c, groupParam);
    const target = await targetUser(db, c.req.param("userid"));
    if (!(await existingGroupIds(db, [groupid])).has(groupid)) throw new OcsError(102, "Group does not exist");
    await setSubadmin(db, target.id, groupid, true);
    return ocsOk(c);
  })
  .delete("/cloud/users/:userid/subadmins", async (c) => {
    const { db } = c.var;
    const scope = await scopeOf(c);
    assertInstanceAdmin(scope);
    const { groupid } = await ocsInput(c, groupParam);
    const target = await targetUser(db, c.req.param("userid"));
    await setSubadmin(db, target.id, groupid, false);
    return ocsOk(c);
  });
