import { Hono } from "hono";
import { requireAuth } from "../../workers/accounts/authenticate";
import { connectToRoom } from "../../workers/collab/connect";
import type { CollabRoom } from "../../workers/collab/room";
import { signCollabToken } from "../../workers/collab/tokens";
import type { AppEnv } from "../../workers/http/app-env";
import { notFound } from "../../workers/http/errors";
import { fileAccess } from "../../workers/storage/access";
import { docsRoomName } from "./room-stub";

/** `ws(s)://HOST/collab/{fileId}`: the document's room, for the editor and any y-websocket client. */
export const collabSocket = new Hono<AppEnv>().get("/:fileId{[0-9]{1,15}}", (c) => {
  const fileId = Number(c.req.param("fileId"));
  return connectToRoom(c, {
    namespace: c.env.DOCS_ROOM as DurableObjectNamespace<CollabRoom>,
    room: docsRoomName(fileId),
    accessOf: async (userId) => (await fileAccess(c.var.db, userId, fileId))?.access ?? null,
  });
});

/** `POST /api/collab/{fileId}/token` → `{token, readOnly}`: a short-lived pass for `?token=`. */
export const collabTokens = new Hono<AppEnv>().post("/:fileId{[0-9]{1,15}}/token", async (c) => {
  const { user } = requireAuth(c);
  const fileId = Number(c.req.param("fileId"));
  const granted = await fileAccess(c.var.db, user.id, fileId);
  // Not found rather than forbidden: a stranger learns nothing about which ids exist.
  if (!granted || granted.node.isFolder) throw notFound("No such document");
  const token = await signCollabToken(c.var.db, { room: docsRoomName(fileId), user: user.id, access: granted.access });
  return c.json({ token, readOnly: granted.access === "read" });
});
