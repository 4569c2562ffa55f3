import { z } from "zod";
import { fromBase64Url, toBase64Url } from "../accounts/crypto";
import { instanceHmacKey } from "../accounts/instance-secret";
import type { Db } from "../db/client";

/** Long enough to open a socket after asking; a reconnect asks again. */
export const COLLAB_TOKEN_TTL_SECONDS = 300;

const payloadSchema = z.object({ room: z.string(), user: z.string(), access: z.enum(["read", "write"]), exp: z.number() });
export type CollabGrant = Omit<z.infer<typeof payloadSchema>, "exp">;

const encoder = new TextEncoder();

/** A signed, short-lived pass to one room, for clients that cannot send the session cookie (y-websocket's `?token=`). */
export async function signCollabToken(db: Db, grant: CollabGrant): Promise<string> {
  const payload = toBase64Url(encoder.encode(JSON.stringify({ ...grant, exp: Math.floor(Date.now() / 1000) + COLLAB_TOKEN_TTL_SECONDS })));
  const signature = await crypto.subtle.sign("HMAC", await instanceHmacKey(db, "collab-token"), encoder.encode(payload));
  return `${payload}.${toBase64Url(new Uint8Array(signature))}`;
}

/** The grant a token carries, or undefined when it is forged, expired or for another room. */
export async function verifyCollabToken(db: Db, token: string, room: string): Promise<CollabGrant | undefined> {
  const [payload, signature, extra] = token.split(".");
  if (!payload || !signature || extra !== undefined) return undefined;
  try {
    // HMAC verification compares in constant time.
    const valid = await crypto.subtle.verify("HMAC", await instanceHmacKey(db, "collab-token"), fromBase64Url(signature), encoder.encode(payload));
    if (!valid) return undefined;
    const parsed = payloadSchema.safeParse(JSON.parse(new TextDecoder().decode(fromBase64Url(payload))));
    if (!parsed.success || parsed.data.room !== room || parsed.data.exp < Date.now() / 1000) return undefined;
    const { exp: _exp, ...grant } = parsed.data;
    return grant;
  } catch {
    return undefined;
  }
}
