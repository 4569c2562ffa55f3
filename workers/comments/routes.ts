import { Hono, type Context } from "hono";
import { z } from "zod";
import { requireAuth } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";
import { jsonBody, queryParams } from "../http/validate";
import { CommentService, MAX_COMMENT_LENGTH } from "./service";

const service = (c: Context<AppEnv>) => new CommentService(c.var.db, requireAuth(c).user);
const fileId = (c: Context<AppEnv>) => Number(c.req.param("fileId"));
const commentId = (c: Context<AppEnv>) => Number(c.req.param("commentId"));
const message = z.object({ message: z.string().trim().min(1).max(MAX_COMMENT_LENGTH) }).strict();
const FILE = "/:fileId{[0-9]{1,15}}";
const COMMENT = `${FILE}/:commentId{[0-9]{1,15}}`;

/** The web UI's JSON door to file comments; the same CommentService as `/remote.php/dav/comments`. */
export const commentsApi = new Hono<AppEnv>()
  .get(
    FILE,
    queryParams(z.object({ limit: z.coerce.number().int().min(1).max(200).default(50), offset: z.coerce.number().int().min(0).default(0) }).strict()),
    async (c) => {
      const { limit, offset } = c.req.valid("query");
      return c.json({ comments: await service(c).list(fileId(c), { limit, offset }) });
    },
  )
  .post(FILE, jsonBody(message), async (c) => c.json({ comment: await service(c).post(fileId(c), c.req.valid("json").message) }, 201))
  .post(`${FILE}/read`, async (c) => {
    await service(c).markRead(fileId(c));
    return c.body(null, 204);
  })
  .patch(COMMENT, jsonBody(message), async (c) => c.json({ comment: await service(c).edit(fileId(c), commentId(c), c.req.valid("json").message) }))
  .delete(COMMENT, async (c) => {
    await service(c).remove(fileId(c), commentId(c));
    return c.body(null, 204);
  });
