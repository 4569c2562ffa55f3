import { and, asc, eq, gt, inArray, isNotNull, isNull, ne, or, type SQL } from "drizzle-orm";
import { activities, activityPreferences, users } from "../../schema/core";
import type { Db } from "../db/client";
import type { MailSender } from "../mail/sender";
import { describeActivity } from "./describe";
import { ACTIVITY_TYPES, DEFAULT_PREFERENCES, type ActivityType } from "./event-types";
import { readActivitySettings } from "./settings";

const INTERVAL_SECONDS = { hourly: 3600, daily: 86_400, weekly: 7 * 86_400 } as const;
// A digest lists at most this many lines; the rest is summed up, so one busy day cannot make a huge e-mail.
const MAX_LINES = 50;

/**
 * Sends each user who asked for e-mail notifications a digest of what happened since the last one,
 * at the frequency they chose. Runs from the Worker's cron trigger.
 */
export async function sendActivityDigests(db: Db, sender: MailSender, now = Math.floor(Date.now() / 1000)): Promise<number> {
  const recipients = await db.select().from(users).where(and(eq(users.enabled, true), isNotNull(users.email)));
  let sent = 0;
  for (const user of recipients) {
    const settings = await readActivitySettings(db, user.id);
    const mailed = new Set(settings.events.filter((e) => e.mail).map((e) => e.id));
    const types = (Object.keys(ACTIVITY_TYPES) as ActivityType[]).filter((t) => mailed.has(ACTIVITY_TYPES[t]));
    if (!types.length) continue;
    const prefs = await db.query.activityPreferences.findFirst({ where: eq(activityPreferences.userId, user.id) });
    if (now - (prefs?.lastMailedAt ?? 0) < INTERVAL_SECONDS[settings.mailFrequency]) continue;
    const conditions: SQL[] = [eq(activities.userId, user.id), gt(activities.id, prefs?.lastMailedActivityId ?? 0), inArray(activities.type, types)];
    if (!settings.mailOwnActions) conditions.push(or(ne(activities.actorId, user.id), isNull(activities.actorId))!);
    const rows = await db.select().from(activities).where(and(...conditions)).orderBy(asc(activities.id));
    if (!rows.length) continue;
    const lang = user.language === "en" ? "en" : "fr";
    const lines = rows.slice(0, MAX_LINES).map((a) => `- ${describeActivity(a, user.id, lang)}`);
    if (rows.length > MAX_LINES) lines.push(lang === "fr" ? `… et ${rows.length - MAX_LINES} autres` : `… and ${rows.length - MAX_LINES} more`);
    const intro = lang === "fr" ? `Bonjour ${user.displayName},\n\nVoici l'activité récente dans Cumulus :` : `Hello ${user.displayName},\n\nHere is the recent activity in Cumulus:`;
    await sender.send({
      to: user.email!,
      subject: lang === "fr" ? "Activité récente dans Cumulus" : "Recent activity in Cumulus",
      text: `${intro}\n\n${lines.join("\n")}\n`,
    });
    const lastMailedActivityId = rows[rows.length - 1]!.id;
    const { events: _events, ...chosen } = settings;
    await db
      .insert(activityPreferences)
      .values({ userId: user.id, ...DEFAULT_PREFERENCES, ...chosen, lastMailedActivityId, lastMailedAt: now })
      .onConflictDoUpdate({ target: activityPreferences.userId, set: { lastMailedActivityId, lastMailedAt: now } });
    sent++;
  }
  return sent;
}
