import { Hono } from "hono";
import { z } from "zod";
import { servicesFor } from "../../../workers/files-api/resolve";
import type { AppEnv } from "../../../workers/http/app-env";
import { conflict } from "../../../workers/http/errors";
import { queryParams } from "../../../workers/http/validate";
import { READ } from "../../../workers/sharing/permission-bits";
import { nodeById } from "../../../workers/storage/tree";
import { documentFor } from "../document-access";
import { flushDocument } from "../room-stub";
import { imageSources, loadAttachedImages } from "./images";

const FORMATS = {
  md: { mime: "text/markdown; charset=utf-8", extension: "md" },
  html: { mime: "text/html; charset=utf-8", extension: "html" },
  docx: { mime: "application/vnd.openxmlformats-officedocument.wordprocessingml.document", extension: "docx" },
} as const;

const exportQuery = z.object({ format: z.enum(["md", "html", "docx"]) }).strict();

const download = (body: BodyInit, mime: string, filename: string, extra: Record<string, string> = {}) =>
  new Response(body, {
    headers: {
      "Content-Type": mime,
      // RFC 5987: any name survives, accents and quotes included.
      "Content-Disposition": `attachment; filename*=UTF-8''${encodeURIComponent(filename)}`,
      "X-Content-Type-Options": "nosniff",
      "Cache-Control": "private, no-store",
      ...extra,
    },
  });

/**
 * `GET /api/docs/{fileId}/export?format=md|html|docx`: the document as a download, with what was typed
 * a moment ago (the live room writes back first). Reading the document is enough.
 */
export const exportApi = new Hono<AppEnv>().get("/:fileId{[0-9]{1,15}}/export", queryParams(exportQuery), async (c) => {
  const { format } = c.req.valid("query");
  const doc = await documentFor(c, Number(c.req.param("fileId")), READ);
  await flushDocument(c.env, doc.id);
  const current = await nodeById(c.var.db, doc.id);
  const files = servicesFor(c).files;
  const object = current ? await files.read(current) : null;
  if (!current || (current.blobKey && !object)) throw conflict("The document changed meanwhile; try again");
  const markdown = object ? await object.text() : "";
  const title = current.name.replace(/\.md$/i, "");
  const { mime, extension } = FORMATS[format];
  const filename = `${title}.${extension}`;
  if (format === "md") return download(markdown, mime, filename);
  // Converters load on first use: other requests of the Worker never need them.
  if (format === "html") {
    const { EXPORT_CSP, markdownImageSources, markdownToHtmlPage } = await import("./markdown-to-html");
    const { tokens, sources } = markdownImageSources(markdown);
    const images = await loadAttachedImages(files, current, sources);
    return download(markdownToHtmlPage(title, tokens, images), mime, filename, { "Content-Security-Policy": `${EXPORT_CSP}; sandbox` });
  }
  const [{ parseMarkdown }, { documentToDocx }] = await Promise.all([import("../markdown/parse"), import("./doc-to-docx")]);
  const pm = parseMarkdown(markdown);
  const images = await loadAttachedImages(files, current, imageSources(pm));
  return download(await documentToDocx(pm, title, images), mime, filename);
});
