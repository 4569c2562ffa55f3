import { eq } from "drizzle-orm";
import { activityPreferences, activitySettings } from "../../schema/core";
import type { Db } from "../db/client";
import { ACTIVITY_SETTINGS, DEFAULT_PREFERENCES, type ActivitySettingId } from "./event-types";

export interface ActivitySettingsView {
  events: { id: ActivitySettingId; stream: boolean; mail: boolean }[];
  mailFrequency: "hourly" | "daily" | "weekly";
  favoritesOnly: boolean;
  listOwnActions: boolean;
  mailOwnActions: boolean;
}

/** A user's settings, with Nextcloud's defaults for whatever they never changed. */
export async function readActivitySettings(db: Db, userId: string): Promise<ActivitySettingsView> {
  const rows = await db.select().from(activitySettings).where(eq(activitySettings.userId, userId));
  const saved = new Map(rows.map((r) => [r.eventType, r]));
  const prefs = await db.query.activityPreferences.findFirst({ where: eq(activityPreferences.userId, userId) });
  return {
    events: ACTIVITY_SETTINGS.map((s) => ({ id: s.id, stream: saved.get(s.id)?.stream ?? s.stream, mail: saved.get(s.id)?.mail ?? s.mail })),
    mailFrequency: prefs?.mailFrequency ?? DEFAULT_PREFERENCES.mailFrequency,
    favoritesOnly: prefs?.favoritesOnly ?? DEFAULT_PREFERENCES.favoritesOnly,
    listOwnActions: prefs?.listOwnActions ?? DEFAULT_PREFERENCES.listOwnActions,
    mailOwnActions: prefs?.mailOwnActions ?? DEFAULT_PREFERENCES.mailOwnActions,
  };
}

export async function saveActivitySettings(db: Db, userId: string, view: ActivitySettingsView): Promise<void> {
  const { events, ...prefs } = view;
  await db.batch([
    db.delete(activitySettings).where(eq(activitySettings.userId, userId)),
    db.insert(activitySettings).values(events.map((e) => ({ userId, eventType: e.id, stream: e.stream, mail: e.mail }))),
    db.insert(activityPreferences).values({ userId, ...prefs }).onConflictDoUpdate({ target: activityPreferences.userId, set: prefs }),
  ]);
}
