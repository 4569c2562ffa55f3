import { and, eq, like, ne, or } from "drizzle-orm";
import { Hono } from "hono";
import { groups, users } from "../../../schema/core";
import { requireAuth } from "../../accounts/authenticate";
import type { AppEnv } from "../../http/app-env";
import { ocsOk } from "../../ocs/envelope";
import { EMAIL_SHARE, GROUP_SHARE, USER_SHARE } from "../share-store";
import { shareeInputSchema, shareInput } from "./share-input";

const likeTerm = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;
const looksLikeAddress = (q: string) => /^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(q);

interface Sharee {
  label: string;
  value: { shareType: number; shareWith: string };
  [more: string]: unknown;
}

/**
 * Who the asker may share with, in Nextcloud's sharees shape: people (enabled persons, never a space's
 * holder account, never the asker; only their own association's for a member of one), groups, and
 * the address typed when it is one. Exact matches of an
 * id, a name or an address go under `exact`.
 */
export const shareeRoutes = new Hono<AppEnv>().get("/sharees", async (c) => {
  const { user } = requireAuth(c);
  const { search, page, perPage, shareType } = await shareInput(c, shareeInputSchema);
  const wanted = (type: number) => !shareType?.length || shareType.includes(type);
  const term = search.trim();
  const lower = term.toLowerCase();
  const offset = (page - 1) * perPage;
  // On an instance hosting several associations, a member's directory is their own association's.
  const sameOrg = user.orgId && !user.isAdmin ? user.orgId : null;

  const people = wanted(USER_SHARE)
    ? await c.var.db
        .select({ id: users.id, name: users.displayName, email: users.email })
        .from(users)
        .where(
          and(
            eq(users.kind, "person"),
            eq(users.enabled, true),
            ne(users.id, user.id),
            sameOrg ? eq(users.orgId, sameOrg) : undefined,
            term ? or(like(users.id, likeTerm(term)), like(users.displayName, likeTerm(term)), like(users.email, likeTerm(term))) : undefined,
          ),
        )
        .orderBy(users.displayName, users.id)
        .limit(perPage)
        .offset(offset)
    : [];
  const teams = wanted(GROUP_SHARE)
    ? await c.var.db
        .select({ id: groups.id, name: groups.displayName })
        .from(groups)
        .where(and(sameOrg ? eq(groups.orgId, sameOrg) : undefined, term ? or(like(groups.id, likeTerm(term)), like(groups.displayName, likeTerm(term))) : undefined))
        .orderBy(groups.displayName, groups.id)
        .limit(perPage)
        .offset(offset)
    : [];

  const exact = { users: [] as Sharee[], groups: [] as Sharee[], remotes: [], remote_groups: [], emails: [] as Sharee[], circles: [], rooms: [], lookup: [] };
  const result = { users: [] as Sharee[], groups: [] as Sharee[], remotes: [], remote_groups: [], emails: [] as Sharee[], circles: [], rooms: [], lookup: [], lookupEnabled: false };
  for (const p of people) {
    const entry: Sharee = { label: p.name, subline: "", icon: "icon-user", value: { shareType: USER_SHARE, shareWith: p.id }, shareWithDisplayNameUnique: p.email ?? p.id };
    const isExact = [p.id, p.name, p.email ?? ""].some((v) => v.toLowerCase() === lower);
    (isExact ? exact.users : result.users).push(entry);
  }
  for (const g of teams) {
    const entry: Sharee = { label: g.name, value: { shareType: GROUP_SHARE, shareWith: g.id } };
    const isExact = [g.id, g.name].some((v) => v.toLowerCase() === lower);
    (isExact ? exact.groups : result.groups).push(entry);
  }
  if (wanted(EMAIL_SHARE) && looksLikeAddress(term)) exact.emails.push({ label: term, value: { shareType: EMAIL_SHARE, shareWith: term } });
  return ocsOk(c, { exact, ...result });
});
