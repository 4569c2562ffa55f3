import { and, asc, eq, gt, inArray, isNotNull, isNull, ne, or, type SQL } from "drizzle-orm";
import { activities, activityPreferences, users } from "../../schema/core";
import { createDb, type Db } from "../db/client";
import type { Env } from "../env";
import { createMailSender, type MailSender } from "../mail/sender";
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
  try {
    for (const user of recipients) {
      // One refused address or a server hiccup must not cost everyone else their digest; this one is retried next hour.
      try {
        if (await sendDigestTo(db, sender, user, now)) sent++;
      } catch (error) {
        console.error(`[mail] activity digest for ${user.id} not sent: ${error instanceof Error ? error.message : String(error)}`);
      }
    }
  } finally {
    await sender.close?.();
  }
  return sent;
}

/** The cron's entry: the configured sender, and a clear log line when the mail settings are wrong. */
export async function runActivityDigests(env: Env): Promise<number> {
  let sender: MailSender;
  try {
    sender = createMailSender(env);
  } catch (error) {
    console.error(`[mail] no activity digests: ${error instanceof Error ? error.message : String(error)}`);
    return 0;
  }
  return sendActivityDigests(createDb(env.DB), sender);
}

/** True when a digest went out; nothing is recorded as mailed unless the sender took it. */
async function sendDigestTo(db: Db, sender: MailSender, user: typeof users.$inferSelect, now: number): Promise<boolean> {
  const settings = await readActivitySettings(db, user.id);
  const mailed = new Set(settings.events.filter((e) => e.mail).map((e) => e.id));
  const types = (Object.keys(ACTIVITY_TYPES) as ActivityType[]).filter((t) => mailed.has(ACTIVITY_TYPES[t]));
  if (!types.length) return false;
  const prefs = await db.query.activityPreferences.findFirst({ where: eq(activityPreferences.userId, user.id) });
  if (now - (prefs?.lastMailedAt ?? 0) < INTERVAL_SECONDS[settings.mailFrequency]) return false;
  const conditions: SQL[] = [eq(activities.userId, user.id), gt(activities.id, prefs?.lastMailedActivityId ?? 0), inArray(activities.type, types)];
  if (!settings.mailOwnActions) conditions.push(or(ne(activities.actorId, user.id), isNull(activities.actorId))!);
  const rows = await db.select().from(activities).where(and(...conditions)).orderBy(asc(activities.id));
  if (!rows.length) return false;
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
  return true;
}
