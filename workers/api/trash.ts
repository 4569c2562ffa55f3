import { Hono, type Context } from "hono";
import { z } from "zod";
import { requireAuth } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";
import { notFound } from "../http/errors";
import { parseOrThrow } from "../http/validate";
import { trashEntryInView, trashInView, type ViewTrashEntry } from "../sharing/trash-view";
import { UserView } from "../sharing/user-view";
import { fileServiceFor } from "../webdav/context";

const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

const asJson = ({ item, node, location, mount }: ViewTrashEntry) => ({
  id: node.id,
  name: node.name,
  isFolder: node.isFolder,
  size: node.size,
  mime: node.mime,
  mtime: node.mtime,
  /** Where it was, in the asker's view: a space's items start with the space's folder. */
  originalPath: location,
  deletedAt: item.deletedAt,
  deletedBy: item.deletedBy,
  ...(mount?.spaceId === undefined ? {} : { spaceId: mount.spaceId }),
});

const viewOf = (c: Context<AppEnv>) => UserView.of(c.var.db, requireAuth(c).user);

/** One item of the asker's trash; anything else (someone else's, gone) is not found. */
async function entryOf(c: Context<AppEnv>): Promise<ViewTrashEntry> {
  const { id } = parseOrThrow(idParam, c.req.param());
  const entry = await trashEntryInView(await viewOf(c), id);
  if (!entry) throw notFound("No such item in the trash");
  return entry;
}

/**
 * The web app's trash: list, restore, purge one item, empty. The asker's own trash, and that of each
 * space where their role lets them delete (sharing/trash-view.ts).
 */
export const trashApi = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ items: (await trashInView(await viewOf(c))).map(asJson) }))
  .post("/:id/restore", async (c) => {
    const node = await fileServiceFor(c).restoreFromTrash(await entryOf(c));
    return c.json({ id: node.id, name: node.name, parentId: node.parentId });
  })
  .delete("/:id", async (c) => {
    await fileServiceFor(c).purge(await entryOf(c));
    return c.body(null, 204);
  })
  .delete("/", async (c) => {
    const files = fileServiceFor(c);
    for (const entry of await trashInView(await viewOf(c))) await files.purge(entry);
    return c.body(null, 204);
  });
