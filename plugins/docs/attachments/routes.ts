import { Hono, type Context } from "hono";
import { z } from "zod";
import { uploadLength } from "../../../workers/files-api/content";
import { resolveNode, servicesFor } from "../../../workers/files-api/resolve";
import type { AppEnv } from "../../../workers/http/app-env";
import { ApiError, badRequest, notFound } from "../../../workers/http/errors";
import { jsonBody } from "../../../workers/http/validate";
import { READ, UPDATE } from "../../../workers/sharing/permission-bits";
import { nameProblem } from "../../../workers/storage/names";
import { documentFor } from "../document-access";
import { freeNameIn } from "../free-name";
import { attachmentSrc, ensureAttachmentFolder, isAttachmentName, notAnImage } from "./folder";
import { attachmentResponse } from "./serve";

/** Largest picture a document takes, copied or uploaded. */
export const MAX_ATTACHMENT_BYTES = 20 * 1024 * 1024;

const tooLarge = () => new ApiError(413, "too_large", `A picture may weigh at most ${MAX_ATTACHMENT_BYTES / 1024 / 1024} MB`);

const docId = (c: Context<AppEnv>) => Number(c.req.param("docId"));

/** The attachment name from the URL: a valid file name with a picture's extension. */
function attachmentName(c: Context<AppEnv>): string {
  const name = c.req.param("name") ?? "";
  const problem = nameProblem(name);
  if (problem) throw badRequest(problem, "invalid_name");
  return name;
}

/**
 * Pictures shown in a document. Inserting one takes write access to the document (as in Nextcloud
 * Text: the attachment folder belongs to the document, so an editor of a document shared alone may
 * add pictures too); reading one takes read access to the document, whoever may see the folder.
 */
export const attachmentsApi = new Hono<AppEnv>()
  .post("/:docId{[0-9]{1,15}}/attachments", jsonBody(z.object({ fileId: z.number().int().positive().max(Number.MAX_SAFE_INTEGER) }).strict()), async (c) => {
    const doc = await documentFor(c, docId(c), UPDATE);
    const source = await resolveNode(c, c.req.valid("json").fileId, READ);
    if (source.isFolder || !isAttachmentName(source.name)) throw notAnImage();
    if (source.size > MAX_ATTACHMENT_BYTES) throw tooLarge();
    const files = servicesFor(c).files;
    const folder = await ensureAttachmentFolder(files, doc);
    const name = await freeNameIn(files.db, folder, source.name);
    await files.copy(source, folder, name, false, false);
    return c.json({ src: attachmentSrc(doc.id, name), name }, 201);
  })
  .put("/:docId{[0-9]{1,15}}/attachments/:name", async (c) => {
    const doc = await documentFor(c, docId(c), UPDATE);
    const wanted = attachmentName(c);
    const declared = c.req.header("Content-Type")?.split(";")[0]?.trim().toLowerCase();
    // The type served later comes from the name; a body that says it is something else is refused now.
    if (!isAttachmentName(wanted) || (declared && declared !== "application/octet-stream" && !declared.startsWith("image/"))) throw notAnImage();
    const length = uploadLength(c);
    if (length > MAX_ATTACHMENT_BYTES) throw tooLarge();
    const files = servicesFor(c).files;
    const folder = await ensureAttachmentFolder(files, doc);
    const name = await freeNameIn(files.db, folder, wanted);
    await files.write({ parent: folder, name, body: c.req.raw.body, length });
    return c.json({ src: attachmentSrc(doc.id, name), name }, 201);
  })
  .get("/:docId{[0-9]{1,15}}/attachments/:name", async (c) => {
    const doc = await documentFor(c, docId(c), READ);
    const picture = await attachmentResponse(servicesFor(c).files, doc, attachmentName(c));
    if (!picture) throw notFound("No such picture in this document");
    return picture;
  });
