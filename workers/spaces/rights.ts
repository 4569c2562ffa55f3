import { eq, inArray, sql } from "drizzle-orm";
import { groups, orgs } from "../../schema/core";
import type { AdminScope } from "../accounts/admin-rights";
import { findUser, isPerson } from "../accounts/users";
import type { Db } from "../db/client";
import { forbidden, notFound } from "../http/errors";
import { spaceRolesOf } from "../sharing/effective-access";
import type { PrincipalType, Space } from "./service";

/**
 * What an account may do with one space. An instance admin, or an org admin for their org's spaces,
 * administers it (rename, quota, delete, roles); a manager (role 'manage', directly or through a
 * group) hands out roles; any member sees it. Roles come from the authorization service's own query.
 */
export interface SpaceRights {
  see: boolean;
  manageMembers: boolean;
  administer: boolean;
}

/** An org admin is a sub-admin of the org's own group, whose id is the org's. */
export const administersOrg = (scope: AdminScope, orgId: string | null) => scope.isAdmin || (orgId !== null && scope.subadminOf.has(orgId));

export async function spaceRights(db: Db, scope: AdminScope, space: Space): Promise<SpaceRights> {
  const administer = administersOrg(scope, space.orgId);
  if (administer) return { see: true, manageMembers: true, administer };
  const roles = await spaceRolesOf(db, scope.actor.id, space.id);
  const manageMembers = roles.some((r) => r.role === "manage");
  return { see: roles.length > 0, manageMembers, administer };
}

/** Spaces where the user holds 'manage', directly or through a group (spaceRolesOf's rule, for every space at once). */
export async function managedSpaceIds(db: Db, userId: string): Promise<number[]> {
  const rows = await db.all<{ id: number }>(sql`
    SELECT DISTINCT space_id AS id FROM space_members WHERE role = 'manage'
      AND ((principal_type = 'user' AND principal_id = ${userId})
        OR (principal_type = 'group' AND principal_id IN (SELECT group_id FROM group_members WHERE user_id = ${userId})))`);
  return rows.map((r) => r.id);
}

/** Someone who may not see a space learns nothing of it (404); someone who sees it but may not do this gets 403. */
export function assertRight(rights: SpaceRights, wanted: keyof SpaceRights): void {
  if (!rights.see) throw notFound("No such space");
  if (!rights[wanted]) throw forbidden(wanted === "administer" ? "Only administrators may change or delete this space" : "Only the space's managers may change its members");
}

/** The orgs the scope administers (for an instance admin, every org is reachable anyway). */
export async function administeredOrgIds(db: Db, scope: AdminScope): Promise<string[]> {
  if (!scope.subadminOf.size) return [];
  const rows = await db.select({ id: orgs.id }).from(orgs).where(inArray(orgs.id, [...scope.subadminOf]));
  return rows.map((r) => r.id);
}

/**
 * Who may receive a role: an existing person or group. Except for instance admins, only one of the
 * space's org (or, for a space without an org, one without an org either); anything else is "not
 * found", so that the accounts of other orgs stay invisible.
 */
export async function assertGrantable(db: Db, scope: AdminScope, space: Space, type: PrincipalType, id: string): Promise<void> {
  const orgId =
    type === "user"
      ? await findUser(db, id).then((u) => (isPerson(u) ? u.orgId : undefined))
      : await db.query.groups.findFirst({ where: eq(groups.id, id) }).then((g) => (g ? g.orgId : undefined));
  if (orgId === undefined || (!scope.isAdmin && orgId !== space.orgId)) throw notFound(type === "user" ? "No such user" : "No such group");
}
