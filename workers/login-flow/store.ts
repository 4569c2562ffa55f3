import { and, eq, gt, isNotNull, lt } from "drizzle-orm";
import { loginFlows } from "../../schema/core";
import { randomToken, sha256Hex } from "../accounts/crypto";
import type { Db } from "../db/client";

/** Nextcloud's lifetime for a login flow. */
export const FLOW_TTL_SECONDS = 1200;

const pollIdHash = (pollToken: string) => sha256Hex(`login-flow-poll:${pollToken}`);
const now = () => Math.floor(Date.now() / 1000);

export async function startFlow(db: Db, clientName: string) {
  const pollToken = randomToken(128);
  const loginToken = randomToken(128);
  await db.delete(loginFlows).where(lt(loginFlows.createdAt, now() - FLOW_TTL_SECONDS));
  await db.insert(loginFlows).values({ pollIdHash: await pollIdHash(pollToken), loginToken, clientName, createdAt: now() });
  return { pollToken, loginToken };
}

export async function findFlowByLoginToken(db: Db, loginToken: string) {
  return db.query.loginFlows.findFirst({
    where: and(eq(loginFlows.loginToken, loginToken), gt(loginFlows.createdAt, now() - FLOW_TTL_SECONDS)),
  });
}

export async function grantFlow(db: Db, loginToken: string, userId: string): Promise<boolean> {
  const updated = await db
    .update(loginFlows)
    .set({ userId })
    .where(and(eq(loginFlows.loginToken, loginToken), gt(loginFlows.createdAt, now() - FLOW_TTL_SECONDS)))
    .returning({ id: loginFlows.pollIdHash });
  return updated.length > 0;
}

/** Takes a granted flow out of the table in one statement: a poll token works once, even under concurrent polls. */
export async function claimGrantedFlow(db: Db, pollToken: string) {
  const [flow] = await db
    .delete(loginFlows)
    .where(
      and(
        eq(loginFlows.pollIdHash, await pollIdHash(pollToken)),
        isNotNull(loginFlows.userId),
        gt(loginFlows.createdAt, now() - FLOW_TTL_SECONDS),
      ),
    )
    .returning();
  return flow;
}
