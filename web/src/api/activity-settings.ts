import { apiJson } from "./http";

/** The settings of Paramètres → Activité, in the order the server lists them (workers/activity/event-types.ts). */
export const ACTIVITY_EVENT_IDS = [
  "file_created",
  "file_changed",
  "file_deleted",
  "file_restored",
  "shared",
  "remote_share",
  "public_links",
  "comments",
  "systemtags",
] as const;

export type ActivityEventId = (typeof ACTIVITY_EVENT_IDS)[number];
export type MailFrequency = "hourly" | "daily" | "weekly";

export interface ActivitySettings {
  events: { id: ActivityEventId; stream: boolean; mail: boolean }[];
  mailFrequency: MailFrequency;
  /** Creation and change notifications only for favourite files, in the stream. */
  favoritesOnly: boolean;
  listOwnActions: boolean;
  mailOwnActions: boolean;
}

export const fetchActivitySettings = async () => (await apiJson<{ settings: ActivitySettings }>("/api/activity/settings")).settings;

/** The whole set is sent each time, so that the last change wins even when answers cross. */
export const saveActivitySettings = async (settings: ActivitySettings) =>
  (await apiJson<{ settings: ActivitySettings }>("/api/activity/settings", { method: "PUT", json: settings })).settings;
