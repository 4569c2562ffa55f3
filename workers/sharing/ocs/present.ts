import { GROUP_SHARE, USER_SHARE, type Share } from "../share-store";
import { placeNodes } from "../placed-nodes";
import { displayNames, recipientRows } from "../share-queries";
import type { ShareService } from "../share-service";
import { ACCEPTED } from "../recipients";
import { shareJson, type ShareEntry, type ShareJson } from "./share-json";

export interface PresentOptions {
  /** Received shares only count while they work: one cut upstream or gone from the tree is left out. */
  receivedOnly?: boolean;
}

/**
 * Shares as the asker sees them, in Nextcloud's form: paths in their view, their state as a
 * recipient, what they may do. A share whose node is gone, or that the asker can no longer reach
 * (a reshare whose upstream was cut), is left out. A few queries for the whole list.
 */
export async function presentShares(service: ShareService, list: readonly Share[], origin: string, options: PresentOptions = {}): Promise<ShareJson[]> {
  const { view, asker } = service;
  const [placed, rows] = await Promise.all([placeNodes(view, list.map((s) => s.nodeId)), recipientRows(view.db, list.map((s) => s.id))]);
  const rowOf = (shareId: number, userId: string | null) => rows.find((r) => r.shareId === shareId && r.userId === userId);
  const entries: ShareEntry[] = [];
  for (const share of list) {
    const place = placed.get(share.nodeId);
    if (!place) continue;
    const { node } = place;
    const receives = asker.receives(share);
    const manages = asker.manages(share, node);
    if (!receives && !manages) continue;
    const mine = receives ? rowOf(share.id, asker.user.id) : undefined;
    const state = mine?.state ?? ACCEPTED;
    const mountedHere = place.mount?.kind === "share" && place.mount.node.id === node.id && place.mount.shareIds.includes(share.id);
    if (options.receivedOnly && state === ACCEPTED && !mountedHere) continue;
    const ownName = receives ? (mountedHere ? place.mount!.name : (mine?.target ?? node.name)) : undefined;
    // A pending or removed share is in no path of the view: it is shown under the name it would have.
    const path = place.names ? `/${place.names.join("/")}` : ownName !== undefined ? `/${ownName}` : null;
    if (path === null) continue;
    const recipientTarget = share.shareType === USER_SHARE ? rowOf(share.id, share.shareWith)?.target : undefined;
    entries.push({
      share,
      node,
      path,
      target: `/${ownName ?? recipientTarget ?? node.name}`,
      state,
      canEdit: manages,
      canDelete: manages || receives,
    });
  }
  const names = await displayNames(
    view.db,
    entries.flatMap((e) => [e.share.initiatorId, e.node.ownerId, ...(e.share.shareType === USER_SHARE && e.share.shareWith ? [e.share.shareWith] : [])]),
    entries.flatMap((e) => (e.share.shareType === GROUP_SHARE && e.share.shareWith ? [e.share.shareWith] : [])),
  );
  return entries.map((e) => shareJson(e, names, origin));
}
