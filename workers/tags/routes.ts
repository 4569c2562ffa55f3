import { Hono, type Context } from "hono";
import { z } from "zod";
import { requireAuth } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";
import { jsonBody } from "../http/validate";
import { MAX_TAG_NAME, TagService, viewOf } from "./service";

const service = (c: Context<AppEnv>) => new TagService(c.var.db, requireAuth(c).user);
const name = z.string().trim().min(1).max(MAX_TAG_NAME);

/** The web UI's JSON door to system tags; the same TagService as `/remote.php/dav/systemtags`. */
export const tagsApi = new Hono<AppEnv>()
  .get("/", async (c) => {
    const user = requireAuth(c).user;
    return c.json({ tags: (await service(c).list()).map((t) => viewOf(t, user)) });
  })
  .post("/", jsonBody(z.object({ name, userVisible: z.boolean().optional(), userAssignable: z.boolean().optional() }).strict()), async (c) => {
    const tag = await service(c).create(c.req.valid("json"));
    return c.json({ tag: viewOf(tag, requireAuth(c).user) }, 201);
  })
  .get("/files/:fileId{[0-9]{1,15}}", async (c) => {
    const user = requireAuth(c).user;
    const tags = await service(c).tagsOfFile(Number(c.req.param("fileId")));
    return c.json({ tags: tags.map((t) => viewOf(t, user)) });
  })
  .patch(
    "/:tagId{[0-9]{1,15}}",
    jsonBody(z.object({ name: name.optional(), userVisible: z.boolean().optional(), userAssignable: z.boolean().optional() }).strict()),
    async (c) => {
      const tag = await service(c).update(Number(c.req.param("tagId")), c.req.valid("json"));
      return c.json({ tag: viewOf(tag, requireAuth(c).user) });
    },
  )
  .delete("/:tagId{[0-9]{1,15}}", async (c) => {
    await service(c).remove(Number(c.req.param("tagId")));
    return c.body(null, 204);
  })
  .put("/:tagId{[0-9]{1,15}}/files/:fileId{[0-9]{1,15}}", async (c) => {
    await service(c).assign(Number(c.req.param("fileId")), Number(c.req.param("tagId")));
    return c.body(null, 201);
  })
  .delete("/:tagId{[0-9]{1,15}}/files/:fileId{[0-9]{1,15}}", async (c) => {
    await service(c).unassign(Number(c.req.param("fileId")), Number(c.req.param("tagId")));
    return c.body(null, 204);
  });
