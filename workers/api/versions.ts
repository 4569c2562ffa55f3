import { Hono, type Context } from "hono";
import { z } from "zod";
import { requireAuth } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";
import { forbidden, notFound } from "../http/errors";
import { jsonBody, parseOrThrow } from "../http/validate";
import { fileAccess } from "../storage/access";
import { setVersionLabel, versionById, versionsOf, type FileVersion } from "../storage/versions";
import { fileServiceFor } from "../webdav/context";

const id = z.coerce.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const fileParam = z.object({ fileId: id });
const versionParam = z.object({ fileId: id, versionId: id });

/** A version as the web app reads it (the documents plugin answers its snapshots in the same shape). */
export const asJson = (v: FileVersion) => ({ id: v.id, size: v.size, mtime: v.mtime, etag: v.etag, author: v.authorId, label: v.label, createdAt: v.createdAt });

/** The file one may read, or 404 (also for what one may not see); 403 when a change is asked of a read-only one. */
async function readableFile(c: Context<AppEnv>, fileId: number, toChange = false) {
  const access = await fileAccess(c.var.db, requireAuth(c).user.id, fileId);
  if (!access || access.node.isFolder) throw notFound("No such file");
  if (toChange && access.access !== "write") throw forbidden("You may not change this file");
  return access.node;
}

async function versionOf(c: Context<AppEnv>, toChange = false) {
  const { fileId, versionId } = parseOrThrow(versionParam, c.req.param());
  const node = await readableFile(c, fileId, toChange);
  const version = await versionById(c.var.db, node.id, versionId);
  if (!version) throw notFound("No such version");
  return { node, version };
}

/** The web app's versions of a file: list, download, label, restore. */
export const versionsApi = new Hono<AppEnv>()
  .get("/:fileId", async (c) => {
    const node = await readableFile(c, parseOrThrow(fileParam, c.req.param()).fileId);
    return c.json({ versions: (await versionsOf(c.var.db, node.id)).map(asJson) });
  })
  .get("/:fileId/:versionId/content", async (c) => {
    const { node, version } = await versionOf(c);
    const object = await c.env.FILES.get(version.blobKey);
    if (!object) throw notFound("The version's content is gone");
    return new Response(object.body, {
      headers: {
        "Content-Type": node.mime,
        "Content-Length": String(version.size),
        "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(node.name)}`,
      },
    });
  })
  .patch("/:fileId/:versionId", jsonBody(z.object({ label: z.string().trim().max(250).nullable() }).strict()), async (c) => {
    const { version } = await versionOf(c, true);
    const label = c.req.valid("json").label || null;
    await setVersionLabel(c.var.db, version, label);
    return c.json(asJson({ ...version, label }));
  })
  .post("/:fileId/:versionId/restore", async (c) => {
    const { node, version } = await versionOf(c, true);
    const restored = await fileServiceFor(c).restoreVersion(node, version);
    return c.json({ id: restored.id, etag: restored.etag, size: restored.size, mtime: restored.mtime });
  });
