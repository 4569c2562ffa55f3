import { eq } from "drizzle-orm";
import { instanceSecrets } from "../../schema/core";
import type { Db } from "../db/client";
import { randomToken } from "./crypto";

const keys = new Map<string, Promise<CryptoKey>>();

/**
 * An HMAC key that belongs to this instance, made on first use and kept in D1, so an admin has no
 * secret to configure. Each purpose gets its own key, so a token for one can never pass for another.
 */
export function instanceHmacKey(db: Db, purpose: string): Promise<CryptoKey> {
  let key = keys.get(purpose);
  if (!key) {
    key = loadOrCreate(db, purpose).catch((error) => {
      keys.delete(purpose);
      throw error;
    });
    keys.set(purpose, key);
  }
  return key;
}

async function loadOrCreate(db: Db, purpose: string): Promise<CryptoKey> {
  await db.insert(instanceSecrets).values({ name: purpose, value: randomToken(64) }).onConflictDoNothing();
  const row = await db.query.instanceSecrets.findFirst({ where: eq(instanceSecrets.name, purpose) });
  return crypto.subtle.importKey("raw", new TextEncoder().encode(row!.value), { name: "HMAC", hash: "SHA-256" }, false, ["sign", "verify"]);
}

let instanceIdPromise: Promise<string> | undefined;

/** Nextcloud's instance id ("oc" + 10 letters or digits), which suffixes every `oc:id`; made once per instance. */
export function instanceId(db: Db): Promise<string> {
  instanceIdPromise ??= (async () => {
    await db.insert(instanceSecrets).values({ name: "instance-id", value: `oc${randomToken(10).toLowerCase()}` }).onConflictDoNothing();
    return (await db.query.instanceSecrets.findFirst({ where: eq(instanceSecrets.name, "instance-id") }))!.value;
  })().catch((error) => {
    instanceIdPromise = undefined;
    throw error;
  });
  return instanceIdPromise;
}
