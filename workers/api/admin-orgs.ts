import { and, count, eq } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { groups, orgs, users } from "../../schema/core";
import { adminScope, assertAccountManager, assertInstanceAdmin } from "../accounts/admin-rights";
import { PERSON } from "../accounts/users";
import { requireAuth } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";
import { conflict, notFound } from "../http/errors";
import { jsonBody } from "../http/validate";

const orgIdSchema = z
  .string()
  .min(2)
  .max(64)
  .regex(/^[a-z0-9][a-z0-9-]*$/, "an organisation id is lower-case letters, digits and dashes");
const quotaBytes = z.number().int().nonnegative().nullable();

/**
 * Organisations (tenants). Creating one also creates its group, of the same id: the org's admins are
 * that group's sub-admins, so Nextcloud's provisioning API manages the org's accounts unchanged.
 */
export const adminOrgApi = new Hono<AppEnv>()
  .get("/", async (c) => {
    const { db } = c.var;
    const scope = await adminScope(db, requireAuth(c).user);
    assertAccountManager(scope);
    const rows = await db
      .select({ id: orgs.id, name: orgs.name, quotaBytes: orgs.quotaBytes, createdAt: orgs.createdAt, members: count(users.id) })
      .from(orgs)
      // Members are persons: the holder accounts of the org's spaces are not counted.
      .leftJoin(users, and(eq(users.orgId, orgs.id), eq(users.kind, PERSON)))
      .groupBy(orgs.id)
      .orderBy(orgs.name);
    return c.json({ orgs: rows.filter((o) => scope.isAdmin || scope.subadminOf.has(o.id)) });
  })
  .post("/", jsonBody(z.object({ id: orgIdSchema, name: z.string().trim().min(1).max(255), quotaBytes: quotaBytes.optional() }).strict()), async (c) => {
    const { db } = c.var;
    assertInstanceAdmin(await adminScope(db, requireAuth(c).user));
    const input = c.req.valid("json");
    const taken = (await db.query.orgs.findFirst({ where: eq(orgs.id, input.id) })) ?? (await db.query.groups.findFirst({ where: eq(groups.id, input.id) }));
    if (taken) throw conflict("An organisation or group with this id already exists", "org_exists");
    await db.batch([
      db.insert(orgs).values({ id: input.id, name: input.name, quotaBytes: input.quotaBytes ?? null }),
      db.insert(groups).values({ id: input.id, displayName: input.name, orgId: input.id }),
    ]);
    return c.json({ id: input.id, name: input.name, quotaBytes: input.quotaBytes ?? null }, 201);
  })
  .patch("/:id", jsonBody(z.object({ name: z.string().trim().min(1).max(255).optional(), quotaBytes: quotaBytes.optional() }).strict()), async (c) => {
    const { db } = c.var;
    assertInstanceAdmin(await adminScope(db, requireAuth(c).user));
    const id = c.req.param("id");
    const input = c.req.valid("json");
    const updated = await db.update(orgs).set(input).where(eq(orgs.id, id)).returning();
    if (!updated.length) throw notFound("No such organisation");
    if (input.name) await db.update(groups).set({ displayName: input.name }).where(eq(groups.id, id));
    return c.json(updated[0]);
  });
