import { recordActivity } from "../../activity/record";
import type { Db } from "../../db/client";
import { describeNode } from "../../storage/events";
import type { FileNode } from "../../storage/tree";
import type { ResolvedLink } from "./resolve-link";

/** "… was downloaded through a public link", in the stream of the link's initiator (the public_links setting). */
export async function recordLinkDownload(db: Db, link: ResolvedLink, node: FileNode): Promise<void> {
  const { path } = await describeNode(db, node);
  await recordActivity(db, [
    { userId: link.initiator.id, actorId: null, type: "public_link_downloaded", fileId: node.id, path, details: { shareId: link.share.id } },
  ]);
}
