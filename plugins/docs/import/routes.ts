import { Hono, type Context } from "hono";
import { z } from "zod";
import { resolveNode, servicesFor } from "../../../workers/files-api/resolve";
import type { AppEnv } from "../../../workers/http/app-env";
import { ApiError, forbidden } from "../../../workers/http/errors";
import { jsonBody } from "../../../workers/http/validate";
import { CREATE, READ } from "../../../workers/sharing/permission-bits";
import { fileAccess } from "../../../workers/storage/access";
import type { FileService } from "../../../workers/storage/service";
import type { FileNode } from "../../../workers/storage/tree";
import { dropVersions, versionsOf } from "../../../workers/storage/versions";
import { attachmentSrc, ensureAttachmentFolder } from "../attachments/folder";
import { freeNameIn } from "../free-name";
import { bytesBody, textBody } from "../text-body";
import type { ImportedImage } from "./docx-to-html";

/** Word files past this are refused before they are read into memory. */
// Mammoth holds the unzipped file in memory, and a Worker has 128 MB.
export const MAX_DOCX_BYTES = 25 * 1024 * 1024;

/** Picture types kept from a Word file; others (EMF, WMF, TIFF) no browser shows, so their alt text stays instead. */
const IMAGE_EXTENSIONS: Record<string, string> = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif", "image/webp": "webp", "image/svg+xml": "svg" };

const id = z.number().int().positive().max(Number.MAX_SAFE_INTEGER);
const importBody = z.object({ fileId: id, folderId: id.optional() }).strict();

const isDocx = (name: string) => name.toLowerCase().endsWith(".docx");
const unsupported = () => new ApiError(415, "not_docx", "Only Word documents (.docx) can be imported");

/** Where the new document goes: beside the Word file unless a folder is named; the caller must be allowed to create there. */
async function targetFolder(c: Context<AppEnv>, source: FileNode, folderId: number | undefined): Promise<FileNode> {
  if (folderId !== undefined) return resolveNode(c, folderId, CREATE);
  const granted = source.parentId === null ? null : await fileAccess(c.var.db, servicesFor(c).user.id, source.parentId);
  if (!granted || (granted.permissions & CREATE) !== CREATE) throw forbidden("You may not create a document in this folder");
  return granted.node;
}

/** Saves the Word file's pictures in the new document's attachment folder; returns each placeholder's Markdown src. */
async function saveImages(files: FileService, doc: FileNode, images: readonly ImportedImage[]): Promise<Map<string, string>> {
  const sources = new Map<string, string>();
  const kept = images.filter((image) => IMAGE_EXTENSIONS[image.contentType]);
  if (!kept.length) return sources;
  const folder = await ensureAttachmentFolder(files, doc);
  for (const [i, image] of kept.entries()) {
    const name = await freeNameIn(files.db, folder, `image-${i + 1}.${IMAGE_EXTENSIONS[image.contentType]}`);
    await files.write({ parent: folder, name, ...bytesBody(image.bytes) });
    sources.set(image.placeholder, attachmentSrc(doc.id, name));
  }
  return sources;
}

/**
 * `POST /api/docs/import {fileId}`: a Word file becomes a new Markdown document beside it, named after
 * it ("PV AG.docx" → "PV AG.md", or "PV AG (2).md" when taken), with its pictures in the document's
 * attachment folder.
 */
export const importApi = new Hono<AppEnv>().post("/import", jsonBody(importBody), async (c) => {
  const body = c.req.valid("json");
  const source = await resolveNode(c, body.fileId, READ);
  if (source.isFolder || !isDocx(source.name)) throw unsupported();
  if (source.size > MAX_DOCX_BYTES) throw new ApiError(413, "too_large", `A Word document to import may weigh at most ${MAX_DOCX_BYTES / 1024 / 1024} MB`);
  const folder = await targetFolder(c, source, body.folderId);
  const files = servicesFor(c).files;
  const object = await files.read(source);
  // Loaded on first use: the Word reader, the HTML parser and Markdown's writer are some 300 modules
  // that no other request needs.
  const [{ docxToHtml }, { htmlToDocument }, { serializeMarkdown }] = await Promise.all([
    import("./docx-to-html"),
    import("./html-to-doc"),
    import("../markdown/serialize"),
  ]);
  const { html, images } = await docxToHtml(object ? await object.arrayBuffer() : new ArrayBuffer(0));

  const name = await freeNameIn(c.var.db, folder, `${source.name.slice(0, -".docx".length) || "Document"}.md`);
  const withPictures = images.some((image) => IMAGE_EXTENSIONS[image.contentType]);
  if (!withPictures) {
    const markdown = serializeMarkdown(htmlToDocument(html, () => null));
    const { node } = await files.write({ parent: folder, name, ...textBody(markdown) });
    return c.json({ file: { id: node.id, name: node.name } }, 201);
  }
  // Pictures are named after the document's id, which exists once the file does: an empty file first.
  const { node: created } = await files.write({ parent: folder, name, ...textBody("") });
  const sources = await saveImages(files, created, images);
  const markdown = serializeMarkdown(htmlToDocument(html, (src) => sources.get(src) ?? null));
  const { node } = await files.write({ parent: folder, name: created.name, ...textBody(markdown) });
  // The empty placeholder is not a version anyone wrote.
  await dropVersions(c.var.db, c.env.FILES, (await versionsOf(c.var.db, node.id)).filter((v) => v.size === 0));
  return c.json({ file: { id: node.id, name: node.name } }, 201);
});
