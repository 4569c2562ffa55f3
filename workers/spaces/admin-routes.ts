import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { z } from "zod";
import { orgs } from "../../schema/core";
import { adminScope, assertAccountManager, type AdminScope } from "../accounts/admin-rights";
import { requireAuth } from "../accounts/authenticate";
import { groupIdSchema, userIdSchema } from "../accounts/identifiers";
import type { AppEnv } from "../http/app-env";
import { badRequest, forbidden, notFound } from "../http/errors";
import { jsonBody, parseOrThrow } from "../http/validate";
import { SPACE_ROLES } from "../sharing/permission-bits";
import { nameProblem } from "../storage/names";
import { administeredOrgIds, assertGrantable, assertRight, managedSpaceIds, spaceRights } from "./rights";
import { SpaceService } from "./service";

/** A space's name is a folder's name in each member's root. */
const spaceName = z
  .string()
  .trim()
  .min(1)
  .max(255)
  .superRefine((name, ctx) => {
    const problem = nameProblem(name);
    if (problem) ctx.addIssue({ code: "custom", message: problem });
  });
const quotaBytes = z.number().int().nonnegative().max(Number.MAX_SAFE_INTEGER).nullable();
const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });
const principal = z.discriminatedUnion("type", [
  z.object({ type: z.literal("user"), id: userIdSchema }),
  z.object({ type: z.literal("group"), id: groupIdSchema }),
]);
const memberBody = z.intersection(principal, z.object({ role: z.enum(SPACE_ROLES) }));

interface Request {
  scope: AdminScope;
  spaces: SpaceService;
}

async function requestOf(c: Context<AppEnv>): Promise<Request> {
  return { scope: await adminScope(c.var.db, requireAuth(c).user), spaces: new SpaceService(c.var.db, c.env.FILES) };
}

/** The space of the URL with the asker's rights on it; one they may not see is a 404. */
async function spaceOf(c: Context<AppEnv>, r: Request) {
  const { id } = parseOrThrow(idParam, { id: c.req.param("id") });
  const space = await r.spaces.byId(id);
  if (!space) throw notFound("No such space");
  const rights = await spaceRights(c.var.db, r.scope, space);
  if (!rights.see) throw notFound("No such space");
  return { space, rights };
}

/** The org a new space goes to: an instance admin names any (or none); an org admin, one of theirs (the only one by default). */
async function orgForNewSpace(c: Context<AppEnv>, scope: AdminScope, wanted: string | null | undefined): Promise<string | null> {
  if (scope.isAdmin) {
    if (!wanted) return null;
    if (!(await c.var.db.query.orgs.findFirst({ where: eq(orgs.id, wanted) }))) throw badRequest("No such organisation", "no_such_org");
    return wanted;
  }
  const mine = await administeredOrgIds(c.var.db, scope);
  if (!mine.length) throw forbidden("Only administrators and organisation administrators may create spaces");
  if (wanted === undefined && mine.length === 1) return mine[0]!;
  if (!wanted || !mine.includes(wanted)) throw forbidden("You may create spaces only in an organisation you administer");
  return wanted;
}

/**
 * Spaces ("bureaux virtuels"), for instance admins, org admins (their org's spaces) and space
 * managers (the members of their spaces only). Errors follow the JSON API: 404 for a space one may
 * not see, 403 for what one sees but may not change.
 */
export const adminSpaceApi = new Hono<AppEnv>()
  .get("/", async (c) => {
    const r = await requestOf(c);
    if (r.scope.isAdmin) return c.json({ spaces: await r.spaces.summaries() });
    const [orgIds, spaceIds] = await Promise.all([administeredOrgIds(c.var.db, r.scope), managedSpaceIds(c.var.db, r.scope.actor.id)]);
    return c.json({ spaces: await r.spaces.summaries({ orgIds, spaceIds }) });
  })
  .post("/", jsonBody(z.object({ name: spaceName, orgId: z.string().min(1).max(64).nullable().optional(), quotaBytes: quotaBytes.optional() }).strict()), async (c) => {
    const r = await requestOf(c);
    assertAccountManager(r.scope);
    const input = c.req.valid("json");
    const orgId = await orgForNewSpace(c, r.scope, input.orgId);
    const created = await r.spaces.create({ name: input.name, orgId, quotaBytes: input.quotaBytes ?? null, createdBy: r.scope.actor.id });
    return c.json(created, 201);
  })
  .get("/:id", async (c) => {
    const r = await requestOf(c);
    const { space } = await spaceOf(c, r);
    return c.json(await r.spaces.summary(space.id));
  })
  .patch("/:id", jsonBody(z.object({ name: spaceName.optional(), quotaBytes: quotaBytes.optional() }).strict()), async (c) => {
    const r = await requestOf(c);
    const { space, rights } = await spaceOf(c, r);
    assertRight(rights, "administer");
    const input = c.req.valid("json");
    if (input.name !== undefined) await r.spaces.rename(space, input.name);
    if (input.quotaBytes !== undefined) await r.spaces.setQuota(space, input.quotaBytes);
    return c.json(await r.spaces.summary(space.id));
  })
  .delete("/:id", async (c) => {
    const r = await requestOf(c);
    const { space, rights } = await spaceOf(c, r);
    assertRight(rights, "administer");
    await r.spaces.remove(space);
    return c.body(null, 204);
  })
  .get("/:id/members", async (c) => {
    const r = await requestOf(c);
    const { space } = await spaceOf(c, r);
    return c.json({ members: await r.spaces.members(space) });
  })
  .put("/:id/members", jsonBody(memberBody), async (c) => {
    const r = await requestOf(c);
    const { space, rights } = await spaceOf(c, r);
    assertRight(rights, "manageMembers");
    const { type, id, role } = c.req.valid("json");
    await assertGrantable(c.var.db, r.scope, space, type, id);
    await r.spaces.grant(space, type, id, role);
    return c.json({ members: await r.spaces.members(space) });
  })
  .delete("/:id/members/:type{user|group}/:principalId", async (c) => {
    const r = await requestOf(c);
    const { space, rights } = await spaceOf(c, r);
    assertRight(rights, "manageMembers");
    if (!(await r.spaces.revoke(space, c.req.param("type") as "user" | "group", c.req.param("principalId")))) throw notFound("This user or group has no role in the space");
    return c.body(null, 204);
  });
