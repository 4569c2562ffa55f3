import { Hono, type Context } from "hono";
import { requireAuth } from "../../accounts/authenticate";
import type { AppEnv } from "../../http/app-env";
import { OcsError, ocsOk } from "../../ocs/envelope";
import type { EventContext } from "../../storage/events";
import { splitPath } from "../../storage/names";
import { children } from "../../storage/tree";
import { ACCEPTED, PENDING, REJECTED } from "../recipients";
import { receivedShares, sharesInitiatedBy, sharesOfOwnedNodes, sharesOnNodes } from "../share-queries";
import { ShareService } from "../share-service";
import type { Share } from "../share-store";
import { presentShares } from "./present";
import { shareeRoutes } from "./sharees";
import { createShareSchema, listSharesSchema, shareIdOf, shareInput, updateShareSchema } from "./share-input";

function eventContext(c: Context<AppEnv>, actorId: string): EventContext {
  let waitUntil: (p: Promise<unknown>) => void;
  try {
    const ctx = c.executionCtx;
    waitUntil = (p) => ctx.waitUntil(p);
  } catch {
    waitUntil = (p) => void p.catch((error) => console.error("[sharing] background work failed", error)); // app.request without a context
  }
  return { db: c.var.db, env: c.env, actorId, hooks: c.var.plugins.hookSubscribers, waitUntil };
}

function serviceOf(c: Context<AppEnv>): Promise<ShareService> {
  const { user } = requireAuth(c);
  return ShareService.for({ db: c.var.db, config: c.var.config, user, events: eventContext(c, user.id) });
}

const originOf = (c: Context) => new URL(c.req.url).origin;
const idParam = (c: Context) => shareIdOf(c.req.param("id") ?? "");

/** The node a `path` parameter names in the asker's view, or Nextcloud's 404. */
async function nodeAt(service: ShareService, path: string) {
  const { node } = await service.view.resolve(splitPath(path));
  if (!node) throw new OcsError(404, "Wrong path, file/folder does not exist");
  return node;
}

/** GET shares: what the asker shared (and with reshares, what others shared of their files), or received. */
async function listShares(c: Context<AppEnv>) {
  const query = await shareInput(c, listSharesSchema);
  const service = await serviceOf(c);
  const { db } = c.var;
  const me = service.asker.user.id;
  if (query.shared_with_me) {
    const state = query.state ?? ACCEPTED;
    let received = (await receivedShares(db, service.asker, state === "all" ? "all" : [state])).map((r) => r.share);
    if (query.path) {
      const node = await nodeAt(service, query.path);
      received = received.filter((s) => s.nodeId === node.id);
    }
    return ocsOk(c, await presentShares(service, received, originOf(c), { receivedOnly: true }));
  }
  let list: Share[];
  if (query.path) {
    const node = await nodeAt(service, query.path);
    if (query.subfiles && !node.isFolder) throw new OcsError(400, "Not a directory");
    const nodes = query.subfiles ? await children(db, node.id) : [node];
    const owned = new Set(nodes.filter((n) => service.asker.ownsNode(n)).map((n) => n.id));
    list = (await sharesOnNodes(db, nodes.map((n) => n.id))).filter((s) => s.initiatorId === me || (query.reshares && owned.has(s.nodeId)));
  } else {
    const [mine, others] = await Promise.all([sharesInitiatedBy(db, me), query.reshares ? sharesOfOwnedNodes(db, service.asker) : []]);
    list = [...mine, ...others].sort((a, b) => a.id - b.id);
  }
  return ocsOk(c, await presentShares(service, list, originOf(c)));
}

async function presentOne(c: Context<AppEnv>, service: ShareService, share: Share) {
  const [json] = await presentShares(service, [share], originOf(c));
  if (!json) throw new OcsError(404, "Wrong share ID, share does not exist");
  return json;
}

/** Received shares in one state, for the pending and deleted lists. */
async function sharesInState(c: Context<AppEnv>, state: number) {
  const service = await serviceOf(c);
  const received = await receivedShares(c.var.db, service.asker, [state]);
  return { service, shares: await presentShares(service, received.map((r) => r.share), originOf(c)) };
}

/**
 * Nextcloud's OCS Share API (apps/files_sharing/api/v1), mounted under /ocs/v1.php and /ocs/v2.php.
 * Rights are the share service's; this layer reads parameters and shapes answers.
 */
export const shareApiRoutes = new Hono<AppEnv>()
  .get("/shares", listShares)
  .post("/shares", async (c) => {
    const input = await shareInput(c, createShareSchema);
    const service = await serviceOf(c);
    return ocsOk(c, await presentOne(c, service, await service.create(input)));
  })
  .get("/shares/pending", async (c) => ocsOk(c, (await sharesInState(c, PENDING)).shares))
  .post("/shares/pending/:id", async (c) => {
    await (await serviceOf(c)).setMyState(idParam(c), ACCEPTED);
    return ocsOk(c);
  })
  .delete("/shares/pending/:id", async (c) => {
    await (await serviceOf(c)).setMyState(idParam(c), REJECTED);
    return ocsOk(c);
  })
  .get("/shares/:id", async (c) => {
    const service = await serviceOf(c);
    const { share } = await service.find(idParam(c));
    // Nextcloud answers a list of one.
    return ocsOk(c, [await presentOne(c, service, share)]);
  })
  .put("/shares/:id", async (c) => {
    const input = await shareInput(c, updateShareSchema);
    const service = await serviceOf(c);
    return ocsOk(c, await presentOne(c, service, await service.update(idParam(c), input)));
  })
  .delete("/shares/:id", async (c) => {
    await (await serviceOf(c)).remove(idParam(c));
    return ocsOk(c);
  })
  .get("/deletedshares", async (c) => {
    const { shares } = await sharesInState(c, REJECTED);
    // Nextcloud's deleted shares carry the provider in their id.
    return ocsOk(c, shares.map((s) => ({ ...s, id: `ocinternal:${s.id}` })));
  })
  .post("/deletedshares/:id", async (c) => {
    const service = await serviceOf(c);
    const id = idParam(c);
    const received = await receivedShares(c.var.db, service.asker, [REJECTED]);
    if (!received.some((r) => r.share.id === id)) throw new OcsError(404, "Share not found");
    await service.setMyState(id, ACCEPTED);
    return ocsOk(c);
  })
  .route("/", shareeRoutes);
