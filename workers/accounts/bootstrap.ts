import { count } from "drizzle-orm";
import { groups, users } from "../../schema/core";
import type { Db } from "../db/client";
import type { Env } from "../env";
import { ADMIN_GROUP } from "./memberships";
import { createUser } from "./users";

let instanceHasAccounts = false;

/**
 * On an empty instance, creates the administrator `admin` with ADMIN_PASSWORD (set by `npm start`, or by
 * `wrangler secret put` before the first visit of a deployed instance). Once any account exists this is a
 * no-op, and the isolate stops asking.
 */
export async function ensureFirstAdmin(db: Db, env: Env): Promise<void> {
  if (instanceHasAccounts) return;
  const [row] = await db.select({ n: count() }).from(users);
  if ((row?.n ?? 0) > 0) {
    instanceHasAccounts = true;
    return;
  }
  if (!env.ADMIN_PASSWORD) return;
  await db.insert(groups).values({ id: ADMIN_GROUP, displayName: "admin" }).onConflictDoNothing();
  try {
    await createUser(db, { id: "admin", password: env.ADMIN_PASSWORD, displayName: "Administrateur", isAdmin: true, groupIds: [ADMIN_GROUP] });
    console.log("[accounts] created the first administrator, admin");
  } catch (error) {
    // Two first requests may race; the loser finds the account already there.
    console.warn("[accounts] first administrator not created", error);
  }
  instanceHasAccounts = true;
}
