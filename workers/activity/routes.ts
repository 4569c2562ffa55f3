import { and, desc, eq, inArray, isNull, lt, ne, or, sql, type SQL } from "drizzle-orm";
import { Hono } from "hono";
import { z } from "zod";
import { activities } from "../../schema/core";
import { requireAuth } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";
import { badRequest } from "../http/errors";
import { jsonBody, queryParams } from "../http/validate";
import { ACTIVITY_SETTINGS, ACTIVITY_TYPES, type ActivityType } from "./event-types";
import { readActivitySettings, saveActivitySettings } from "./settings";

const streamQuery = z
  .object({
    limit: z.coerce.number().int().min(1).max(200).default(50),
    before: z.coerce.number().int().positive().optional(),
    fileId: z.coerce.number().int().positive().optional(),
  })
  .strict();

/** The types that "limit to my favourite files" narrows: creations and changes (moves are changes), in the stream only. */
const FAVORITE_LIMITED = (Object.keys(ACTIVITY_TYPES) as ActivityType[]).filter((t) => ACTIVITY_TYPES[t] === "file_created" || ACTIVITY_TYPES[t] === "file_changed");

/**
 * The activity's file is one of the user's favourites, or lies in a favourite folder; an item in the
 * trash is still under the folder it was deleted from.
 */
const onFavorite = (userId: string) => sql`EXISTS (WITH RECURSIVE up(id, parent_id, depth) AS (
    SELECT n.id, coalesce(n.parent_id, t.original_parent_id), 0 FROM file_nodes n LEFT JOIN trash_items t ON t.node_id = n.id WHERE n.id = ${activities.fileId}
    UNION ALL SELECT n.id, coalesce(n.parent_id, t.original_parent_id), up.depth + 1 FROM file_nodes n LEFT JOIN trash_items t ON t.node_id = n.id JOIN up ON n.id = up.parent_id
    WHERE up.depth < 256)
  SELECT 1 FROM up JOIN file_favorites f ON f.node_id = up.id AND f.user_id = ${userId})`;

const settingIds = ACTIVITY_SETTINGS.map((s) => s.id) as [string, ...string[]];
const settingsBody = z
  .object({
    events: z.array(z.object({ id: z.enum(settingIds), stream: z.boolean(), mail: z.boolean() }).strict()).max(ACTIVITY_SETTINGS.length),
    mailFrequency: z.enum(["hourly", "daily", "weekly"]),
    favoritesOnly: z.boolean(),
    listOwnActions: z.boolean(),
    mailOwnActions: z.boolean(),
  })
  .strict();

/** The current user's activity stream (newest first, paged by id) and their notification settings. */
export const activityRoutes = new Hono<AppEnv>()
  .get("/", queryParams(streamQuery), async (c) => {
    const { user } = requireAuth(c);
    const { limit, before, fileId } = c.req.valid("query");
    const settings = await readActivitySettings(c.var.db, user.id);
    const shown = new Set(settings.events.filter((e) => e.stream).map((e) => e.id));
    const types = (Object.keys(ACTIVITY_TYPES) as ActivityType[]).filter((t) => shown.has(ACTIVITY_TYPES[t]));
    if (!types.length) return c.json({ activities: [] });
    const conditions: SQL[] = [eq(activities.userId, user.id), inArray(activities.type, types)];
    if (before) conditions.push(lt(activities.id, before));
    if (fileId) conditions.push(eq(activities.fileId, fileId));
    if (!settings.listOwnActions) conditions.push(or(ne(activities.actorId, user.id), isNull(activities.actorId))!);
    if (settings.favoritesOnly) conditions.push(or(sql`${activities.type} NOT IN (SELECT value FROM json_each(${JSON.stringify(FAVORITE_LIMITED)}))`, onFavorite(user.id))!);
    const rows = await c.var.db.select().from(activities).where(and(...conditions)).orderBy(desc(activities.id)).limit(limit);
    return c.json({
      activities: rows.map((r) => ({ ...r, details: r.details ? (JSON.parse(r.details) as unknown) : null })),
    });
  })
  .get("/settings", async (c) => c.json({ settings: await readActivitySettings(c.var.db, requireAuth(c).user.id), labels: ACTIVITY_SETTINGS }))
  .put("/settings", jsonBody(settingsBody), async (c) => {
    const { user } = requireAuth(c);
    const body = c.req.valid("json");
    const current = await readActivitySettings(c.var.db, user.id);
    const given = new Map(body.events.map((e) => [e.id, e]));
    if (given.size !== body.events.length) throw badRequest("Each event appears once");
    const events = current.events.map((e) => given.get(e.id) ?? e) as typeof current.events;
    await saveActivitySettings(c.var.db, user.id, { ...body, events });
    return c.json({ settings: await readActivitySettings(c.var.db, user.id) });
  });
