import { Hono } from "hono";
import { z } from "zod";
import { adminScope } from "../accounts/admin-rights";
import { requireAuth } from "../accounts/authenticate";
import { findUser } from "../accounts/users";
import type { AppEnv } from "../http/app-env";
import { notFound } from "../http/errors";
import { parseOrThrow } from "../http/validate";
import { administersOrg, spaceRights } from "../spaces/rights";
import { SpaceService } from "../spaces/service";
import { liveNodeById } from "../storage/live-node";
import { effectiveAccess } from "./effective-access";
import { explainAccess } from "./explain";

const idParam = z.object({ fileId: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

/**
 * GET /api/access/:fileId: who can reach a file or folder, and why. For its owner, an instance
 * admin, an org admin of the owner's or the space's org, and the space's managers; anyone else gets
 * the 404 of a file that does not exist.
 */
export const accessApi = new Hono<AppEnv>().get("/:fileId", async (c) => {
  const { db } = c.var;
  const actor = requireAuth(c).user;
  const { fileId } = parseOrThrow(idParam, c.req.param());
  const node = await liveNodeById(db, fileId);
  if (!node) throw notFound("No such file or folder");
  const space = node.spaceId === null ? undefined : await new SpaceService(db, c.env.FILES).byId(Number(node.spaceId));
  const scope = await adminScope(db, actor);

  let allowed = scope.isAdmin;
  if (!allowed && space) allowed = (await spaceRights(db, scope, space)).manageMembers;
  if (!allowed && !space) allowed = (await effectiveAccess(db, actor.id, node.id))?.grants.some((g) => g.via === "owner") ?? false;
  if (!allowed && !space && scope.subadminOf.size) allowed = administersOrg(scope, (await findUser(db, node.ownerId))?.orgId ?? null);
  if (!allowed) throw notFound("No such file or folder");

  return c.json(await explainAccess(db, node, space));
});
