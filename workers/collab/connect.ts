import type { Context } from "hono";
import type { AppEnv } from "../http/app-env";
import { ApiError, forbidden, unauthorized } from "../http/errors";
import { COLLAB_ACCESS_HEADER, COLLAB_ROOM_HEADER, COLLAB_USER_HEADER, type CollabRoom } from "./room";
import { verifyCollabToken } from "./tokens";

export type RoomAccess = "read" | "write";

export interface ConnectOptions {
  namespace: DurableObjectNamespace<CollabRoom>;
  /** Names the room and scopes its tokens, e.g. `docs:42`. */
  room: string;
  /** Asks the authorization service what this user may do in the room now; null when nothing. */
  accessOf: (userId: string) => Promise<RoomAccess | null>;
}

/**
 * Authenticates a WebSocket upgrade (a `?token=` from the token endpoint, or the browser's session
 * cookie), re-checks access at this moment, and hands the socket to the room with the identity set.
 */
export async function connectToRoom(c: Context<AppEnv>, options: ConnectOptions): Promise<Response> {
  if (c.req.header("Upgrade")?.toLowerCase() !== "websocket") throw new ApiError(426, "upgrade_required", "Expected a WebSocket upgrade");
  const token = c.req.query("token");
  let userId: string;
  if (token) {
    const grant = await verifyCollabToken(c.var.db, token, options.room);
    if (!grant) throw unauthorized("Invalid or expired collaboration token");
    userId = grant.user;
  } else {
    const auth = c.var.auth;
    if (!auth) throw unauthorized();
    // Cookies ride along on cross-site WebSocket handshakes; only our own pages may use them here.
    const origin = c.req.header("Origin");
    if (auth.method === "session" && origin && origin !== new URL(c.req.url).origin) throw forbidden("Cross-site WebSocket refused");
    userId = auth.user.id;
  }
  // A token may outlive a revoked share: the access in force now is the one that counts.
  const access = await options.accessOf(userId);
  if (!access) throw forbidden("You cannot open this document");
  const headers = new Headers(c.req.raw.headers);
  headers.set(COLLAB_USER_HEADER, userId);
  headers.set(COLLAB_ACCESS_HEADER, access);
  headers.set(COLLAB_ROOM_HEADER, options.room);
  const stub = options.namespace.get(options.namespace.idFromName(options.room));
  return stub.fetch(new Request(c.req.raw, { headers }));
}
