import { Hono, type Context } from "hono";
import type { AppEnv } from "../http/app-env";
import { notFound } from "../http/errors";
import { effectiveAccess } from "./effective-access";
import { placeNodes } from "./placed-nodes";
import { UserView } from "./user-view";

/**
 * Nextcloud's internal link, /f/{fileid} (also /index.php/f/{fileid}): it opens the item in the web
 * app for someone who already has access, and reveals nothing to anyone else. Signed-out visitors go
 * through the login page and come back.
 */
async function openInternalLink(c: Context<AppEnv>) {
  const id = Number(c.req.param("id"));
  const auth = c.var.auth;
  if (!auth) return c.redirect(`/login?next=${encodeURIComponent(`/f/${id}`)}`, 302);
  const access = Number.isSafeInteger(id) ? await effectiveAccess(c.var.db, auth.user.id, id) : null;
  if (!access) throw notFound("No such file or folder");
  const place = (await placeNodes(await UserView.of(c.var.db, auth.user), [id])).get(id);
  const params = new URLSearchParams();
  // The folder to list: the item itself, or the one holding it.
  if (place?.names) params.set("dir", `/${(access.node.isFolder ? place.names : place.names.slice(0, -1)).join("/")}`);
  params.set("fileid", String(id));
  return c.redirect(`/files?${params}`, 302);
}

export const internalLinkRoutes = new Hono<AppEnv>().get("/f/:id{[0-9]{1,15}}", openInternalLink).get("/index.php/f/:id{[0-9]{1,15}}", openInternalLink);
