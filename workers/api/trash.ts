import { Hono } from "hono";
import { z } from "zod";
import { requireAuth } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";
import { notFound } from "../http/errors";
import { parseOrThrow } from "../http/validate";
import { trashEntry, trashOf, type TrashEntry } from "../storage/trash";
import { fileServiceFor } from "../webdav/context";

const idParam = z.object({ id: z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER) });

const asJson = ({ item, node }: TrashEntry) => ({
  id: node.id,
  name: node.name,
  isFolder: node.isFolder,
  size: node.size,
  mime: node.mime,
  mtime: node.mtime,
  originalPath: item.originalPath,
  deletedAt: item.deletedAt,
  deletedBy: item.deletedBy,
});

/** The web app's trash: list, restore, purge one item, empty. Only one's own trash. */
export const trashApi = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ items: (await trashOf(c.var.db, requireAuth(c).user.id)).map(asJson) }))
  .post("/:id/restore", async (c) => {
    const user = requireAuth(c).user;
    const { id } = parseOrThrow(idParam, c.req.param());
    const entry = await trashEntry(c.var.db, user.id, id);
    if (!entry) throw notFound("No such item in the trash");
    const node = await fileServiceFor(c).restoreFromTrash(entry);
    return c.json({ id: node.id, name: node.name, parentId: node.parentId });
  })
  .delete("/:id", async (c) => {
    const user = requireAuth(c).user;
    const { id } = parseOrThrow(idParam, c.req.param());
    const entry = await trashEntry(c.var.db, user.id, id);
    if (!entry) throw notFound("No such item in the trash");
    await fileServiceFor(c).purge(entry.node);
    return c.body(null, 204);
  })
  .delete("/", async (c) => {
    const files = fileServiceFor(c);
    for (const { node } of await trashOf(c.var.db, requireAuth(c).user.id)) await files.purge(node);
    return c.body(null, 204);
  });
