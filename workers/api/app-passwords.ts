import { Hono } from "hono";
import { z } from "zod";
import { createAppPassword, listAppPasswords, revokeAppPassword } from "../accounts/app-passwords";
import { requireAuth } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";
import { forbidden } from "../http/errors";
import { jsonBody } from "../http/validate";

/** Paramètres → Sécurité: one password per device, shown once. */
export const appPasswordApi = new Hono<AppEnv>()
  .get("/", async (c) => c.json({ appPasswords: await listAppPasswords(c.var.db, requireAuth(c).user.id) }))
  .post("/", jsonBody(z.object({ name: z.string().trim().min(1).max(120) }).strict()), async (c) => {
    const auth = requireAuth(c);
    // A device's token must not mint more tokens: losing one device would then lose them all.
    if (auth.method === "app-password") throw forbidden("App passwords cannot create app passwords");
    const { token, record } = await createAppPassword(c.var.db, auth.user.id, c.req.valid("json").name);
    return c.json({ id: record.id, name: record.name, createdAt: record.createdAt, token }, 201);
  })
  .delete("/:id{[0-9]+}", async (c) => {
    await revokeAppPassword(c.var.db, requireAuth(c).user.id, Number(c.req.param("id")));
    return c.body(null, 204);
  });
