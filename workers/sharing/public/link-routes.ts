import { eq } from "drizzle-orm";
import { Hono, type Context } from "hono";
import { spaces } from "../../../schema/core";
import type { Db } from "../../db/client";
import type { AppEnv } from "../../http/app-env";
import { ApiError } from "../../http/errors";
import { PAGE_CSP } from "../../http/security-headers";
import { splitPath } from "../../storage/names";
import type { FileNode } from "../../storage/tree";
import { davContext, fileServiceFor } from "../../webdav/context";
import { handleGet } from "../../webdav/transfer";
import { zipResponse } from "../../files-api/zip";
import { downloadResponse } from "../../files-api/content";
import { CREATE } from "../permission-bits";
import { FILE_DROP_SCRIPT } from "./file-drop-script";
import { recordLinkDownload } from "./link-activity";
import { galleryType, isGalleryImage } from "./gallery-types";
import { linkedFile, linkViewOf, renderLinked } from "./link-file-view";
import { dropPage, filePage, folderPage, imagePage, messagePage, passwordPage, viewedFilePage, type PageFrame, type SharedItem } from "./link-page";
import { checkLinkPassword, hasPasswordProof, setPasswordProof } from "./link-password";
import { linkLanguage, type Message } from "./link-text";
import { LinkView } from "./link-view";
import { resolveLink, type ResolvedLink } from "./resolve-link";

type PageStatus = 200 | 400 | 403 | 404 | 429;

const SCRIPT_CSP = `${PAGE_CSP}; script-src 'self'; connect-src 'self'`;

function frameOf(c: Context<AppEnv>): PageFrame {
  return { lang: linkLanguage(c.req.header("Accept-Language")), instanceName: c.var.config.instanceName, token: c.req.param("token") ?? "" };
}

function page(c: Context<AppEnv>, body: Promise<string> | string, status: PageStatus = 200, withScript = false) {
  c.header("Content-Security-Policy", withScript ? SCRIPT_CSP : PAGE_CSP);
  c.header("Cache-Control", "no-store");
  // Links are handed out through institutional channels; search engines have no business with them.
  c.header("X-Robots-Tag", "noindex, nofollow");
  return c.html(body, status);
}

const ERROR_PAGES: Partial<Record<number, [Message, PageStatus]>> = {
  400: ["badRequest", 400],
  403: ["noDownload", 403],
  404: ["gone", 404],
  429: ["tooMany", 429],
};

/** A link's pages answer errors as pages: a browser is on the other end. */
async function asPage(c: Context<AppEnv>, run: () => Promise<Response>): Promise<Response> {
  try {
    return await run();
  } catch (error) {
    const known = error instanceof ApiError ? ERROR_PAGES[error.status] : undefined;
    if (!known) throw error;
    for (const [name, value] of Object.entries((error as ApiError).headers)) c.header(name, value);
    return page(c, messagePage(frameOf(c), known[1] === 404 ? "goneTitle" : "title", known[0]), known[1]);
  }
}

const gone = (c: Context<AppEnv>) => page(c, messagePage(frameOf(c), "goneTitle", "gone"), 404);

/** `?path=/sub/dir` as names; `..` and other invalid names are a 400. */
function namesOfQuery(c: Context<AppEnv>): string[] {
  const path = c.req.query("path") ?? "";
  if (path.length > 4096) throw new ApiError(400, "bad_request", "The path is too long");
  return splitPath(path);
}

/** A space's root has no name of its own: the space's is shown. */
async function nameOf(db: Db, node: FileNode): Promise<string> {
  if (node.parentId !== null || node.spaceId === null) return node.name;
  const space = await db.query.spaces.findFirst({ where: eq(spaces.id, Number(node.spaceId)) });
  return space?.name ?? node.name;
}

async function itemOf(db: Db, link: ResolvedLink): Promise<SharedItem> {
  return { name: await nameOf(db, link.node), sharedBy: link.initiator.displayName, note: link.share.note, hideDownload: link.share.hideDownload };
}

async function unlocked(c: Context<AppEnv>, link: ResolvedLink): Promise<boolean> {
  return !link.share.passwordHash || (await hasPasswordProof(c, link));
}

const linkHome = (token: string) => `/s/${encodeURIComponent(token)}`;

/**
 * A link's web page: the shared file with its Download button, a folder's listing (subfolders by
 * `?path=`), or a file drop's upload picker; the password form first when the link has one.
 */
async function showLink(c: Context<AppEnv>): Promise<Response> {
  const { db } = c.var;
  const link = await resolveLink(db, c.req.param("token")!);
  if (!link) return gone(c);
  const frame = frameOf(c);
  if (!(await unlocked(c, link))) return page(c, passwordPage(frame));
  const item = await itemOf(db, link);
  if (link.isDrop) return page(c, dropPage(frame, item), 200, true);
  const names = namesOfQuery(c);
  if (!link.node.isFolder) {
    if (names.length) return gone(c);
    const shown = await renderLinked(c, linkViewOf(c, link.node), await linkedFile(c, link, frame.token, [], link.node));
    return page(c, filePage(frame, item, link.node, shown));
  }
  const view = new LinkView(db, link);
  const target = (await view.resolve(names)).node;
  if (target && names.length && isGalleryImage(target)) return page(c, await pictureOf(view, frame, item, names, target));
  const viewer = target && linkViewOf(c, target);
  if (target && viewer) {
    // Without a view of it (too large, unreadable), the page still tells what the file is.
    const shown = await renderLinked(c, viewer, await linkedFile(c, link, frame.token, names, target));
    return page(c, viewedFilePage(frame, item, names, target, shown));
  }
  const folder = target;
  if (!folder?.isFolder) return gone(c);
  const canUpload = (view.bitsOn(folder) & CREATE) !== 0;
  const display = c.req.query("view") === "list" ? "list" : "gallery";
  const members = await visibleChildren(view, folder);
  return page(c, folderPage(frame, item, names, members, canUpload, display, (m) => linkViewOf(c, m) !== undefined), 200, canUpload);
}

/** What a page shows of a folder: hidden items (a document's `.attachments.<id>` pictures) stay out, as in Files; the zip keeps them. */
async function visibleChildren(view: LinkView, folder: FileNode): Promise<FileNode[]> {
  return (await view.children(folder)).filter((member) => !member.name.startsWith("."));
}

/** A picture of the folder on its own page, stepping through the pictures of its folder. */
async function pictureOf(view: LinkView, frame: PageFrame, item: SharedItem, names: readonly string[], image: FileNode) {
  const holder = (await view.resolve(names.slice(0, -1))).node;
  const images = holder ? (await visibleChildren(view, holder)).filter(isGalleryImage) : [];
  const at = images.findIndex((other) => other.id === image.id);
  return imagePage(frame, item, names, image, at < 0 ? {} : { previous: images[at - 1], next: images[at + 1] });
}

/** The password form's answer: the proof cookie and back to the page, or the form again (403, or 429 when too many). */
async function authenticate(c: Context<AppEnv>): Promise<Response> {
  const token = c.req.param("token")!;
  const link = await resolveLink(c.var.db, token);
  if (!link) return gone(c);
  if (!link.share.passwordHash) return c.redirect(linkHome(token), 303);
  const field = (await c.req.parseBody())["password"];
  const password = typeof field === "string" ? field : "";
  try {
    if (!(await checkLinkPassword(c, link, password))) return page(c, passwordPage(frameOf(c), "wrongPassword"), 403);
  } catch (error) {
    if (!(error instanceof ApiError) || error.status !== 429) throw error;
    for (const [name, value] of Object.entries(error.headers)) c.header(name, value);
    return page(c, passwordPage(frameOf(c), "tooMany"), 429);
  }
  await setPasswordProof(c, link, token);
  return c.redirect(linkHome(token), 303);
}

/**
 * `/s/{token}/download` (`?path=/sub/file.pdf` in a folder): the file through the WebDAV GET, so
 * ranges and ETags work alike, or a folder as a streamed zip; refused when the link hides downloads;
 * recorded for the initiator.
 */
async function download(c: Context<AppEnv>): Promise<Response> {
  const token = c.req.param("token")!;
  const link = await resolveLink(c.var.db, token);
  if (!link || link.isDrop) return gone(c);
  if (!(await unlocked(c, link))) return c.redirect(linkHome(token), 303);
  if (link.share.hideDownload) return page(c, messagePage(frameOf(c), "title", "noDownload"), 403);
  const names = namesOfQuery(c);
  const view = new LinkView(c.var.db, link);
  const dav = await davContext(c, linkHome(token), names.map(encodeURIComponent).join("/"), view, { user: link.initiator });
  if (!dav.node) return gone(c);
  // Hono answers HEAD with the GET route: a HEAD reads no bytes and is no download.
  const head = c.req.method === "HEAD";
  if (dav.node.isFolder) {
    // A folder comes as a zip of what it holds, named after it (the link's own name at its root).
    const name = names.length ? names[names.length - 1]! : (await nameOf(c.var.db, link.node)) || "download";
    const members = (await view.children(dav.node)).map((node) => ({ node, name: node.name }));
    if (!head) await recordLinkDownload(c.var.db, link, dav.node);
    return zipResponse({ children: (folder) => view.children(folder), files: dav.files }, members, name, head);
  }
  const response = await handleGet(dav, head);
  if (response.status === 200 && !head) await recordLinkDownload(c.var.db, link, dav.node);
  return response;
}

/** What a preview answers when refused: no page, an <img> shows nothing anyway. */
const refused = (status: 401 | 404) => new Response(null, { status, headers: { "Cache-Control": "no-store" } });

interface LinkedNode {
  link: ResolvedLink;
  token: string;
  names: string[];
  node: FileNode;
}

/** The node at `?path=` of a link opened for one of its resources (a picture preview, a plugin's resource), or a bare refusal. */
async function linkedNodeOf(c: Context<AppEnv>): Promise<LinkedNode | Response> {
  const token = c.req.param("token")!;
  const link = await resolveLink(c.var.db, token);
  if (!link || link.isDrop) return refused(404);
  if (!(await unlocked(c, link))) return refused(401);
  const names = namesOfQuery(c);
  const node = (await new LinkView(c.var.db, link).resolve(names)).node;
  return node ? { link, token, names, node } : refused(404);
}

/**
 * `/s/{token}/preview` (`?path=/sub/photo.jpg` in a folder): a picture shown inline for the gallery,
 * through the same link, password proof and view as a download, but only for the gallery's types (never
 * SVG or HTML, whatever the file's name claims) and with a CSP that lets nothing run. Not a download:
 * allowed when the link hides downloads, and not recorded.
 */
async function preview(c: Context<AppEnv>): Promise<Response> {
  const found = await linkedNodeOf(c);
  if (found instanceof Response) return found;
  const { link, node } = found;
  const type = galleryType(node);
  if (!type) return refused(404);
  const response = await downloadResponse(c, fileServiceFor(c, { user: link.initiator }), node, true);
  const headers = new Headers(response.headers);
  headers.set("Content-Type", type);
  headers.set("Content-Disposition", `inline; filename*=UTF-8''${encodeURIComponent(node.name)}`);
  headers.set("X-Content-Type-Options", "nosniff");
  headers.set("Content-Security-Policy", "default-src 'none'; sandbox");
  if (c.req.method === "HEAD") {
    await response.body?.cancel();
    return new Response(null, { status: response.status, headers });
  }
  return new Response(response.body, { status: response.status, headers });
}

/**
 * `/s/{token}/resource?path=/sub/doc.md&key=…`: one resource of a file that its plugin shows on the page
 * (a document's picture), through the same link, password proof and view as the page. The plugin
 * answers for its own file only, and decides what the key names.
 */
async function resource(c: Context<AppEnv>): Promise<Response> {
  const key = c.req.query("key") ?? "";
  if (!key || key.length > 1024) return refused(404);
  const found = await linkedNodeOf(c);
  if (found instanceof Response) return found;
  const { link, token, names, node } = found;
  const viewer = linkViewOf(c, node);
  const answer = viewer?.resource ? await viewer.resource(await linkedFile(c, link, token, names, node), key) : null;
  return answer ?? refused(404);
}

export const publicLinkRoutes = new Hono<AppEnv>()
  .get("/s/:token", (c) => asPage(c, () => showLink(c)))
  .post("/s/:token/authenticate", (c) => asPage(c, () => authenticate(c)))
  .get("/s/:token/download", (c) => asPage(c, () => download(c)))
  .get("/s/:token/preview", (c) => asPage(c, () => preview(c)))
  .get("/s/:token/resource", (c) => asPage(c, () => resource(c)))
  .get("/s/:token/file-drop.js", (c) => {
    c.header("Content-Type", "text/javascript; charset=utf-8");
    c.header("Cache-Control", "public, max-age=3600");
    return c.body(FILE_DROP_SCRIPT);
  });
