import { Hono, type Context } from "hono";
import { requireAuth } from "../../accounts/authenticate";
import type { User } from "../../accounts/users";
import type { Db } from "../../db/client";
import type { AppEnv } from "../../http/app-env";
import { ApiError, forbidden, notFound } from "../../http/errors";
import { namesFromRawPath } from "../paths";
import { handleUploadMkcol, handleChunkPut, handleUploadDelete } from "./staging";
import { handleUploadPropfind } from "./listing";
import { handleFinish } from "./finish";

const ALLOW = "OPTIONS, PROPFIND, MKCOL, PUT, MOVE, DELETE";

/** One request under `/remote.php/dav/uploads/{user}/`: the upload folder's name, and a member of it. */
export interface UploadRequest {
  c: Context<AppEnv>;
  db: Db;
  user: User;
  bucket: R2Bucket;
  /** `/remote.php/dav/uploads/{user}` */
  base: string;
  transferId?: string;
  member?: string;
}

const HANDLERS: Record<string, (request: UploadRequest) => Promise<Response>> = {
  PROPFIND: handleUploadPropfind,
  MKCOL: handleUploadMkcol,
  PUT: handleChunkPut,
  DELETE: handleUploadDelete,
  MOVE: handleFinish,
};

async function serve(c: Context<AppEnv>): Promise<Response> {
  const user = requireAuth(c).user;
  // Uploads are private: nobody else sees, fills or finishes them.
  if (c.req.param("user") !== user.id) throw forbidden("These are not your uploads");
  const method = c.req.method.toUpperCase();
  if (method === "OPTIONS") return new Response(null, { status: 200, headers: { DAV: "1, 2, 3", Allow: ALLOW, "Content-Length": "0" } });
  const handler = HANDLERS[method];
  if (!handler) throw new ApiError(405, "method_not_allowed", `${method} is not supported on uploads`);
  const raw = new URL(c.req.url).pathname.replace(/\/{2,}/g, "/");
  const names = namesFromRawPath(raw.split("/").slice(5).join("/"));
  if (names.length > 2) throw notFound("No such upload or chunk");
  const base = `/remote.php/dav/uploads/${encodeURIComponent(user.id)}`;
  return handler({ c, db: c.var.db, user, bucket: c.env.FILES, base, transferId: names[0], member: names[1] });
}

/** Chunked uploads (Nextcloud's "NG" chunking and chunking v2): one implementation for both. */
export const uploadRoutes = new Hono<AppEnv>()
  .all("/remote.php/dav/uploads/:user{[^/]+}/*", serve)
  .all("/remote.php/dav/uploads/:user{[^/]+}", serve);
