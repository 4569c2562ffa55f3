import { apiJson } from "./http";

/** One entry of the activity stream (/api/activity). */
export interface Activity {
  id: number;
  type: string;
  actorId: string | null;
  fileId: number | null;
  /** The path as the reader saw it then. */
  path: string | null;
  details: Record<string, unknown> | null;
  /** Seconds since the epoch. */
  createdAt: number;
}

/** An item's activity, newest first; `before` pages on from the oldest entry shown. */
export async function activityOf(fileId: number, options: { before?: number; limit?: number } = {}): Promise<Activity[]> {
  const params = new URLSearchParams({ fileId: String(fileId), limit: String(options.limit ?? 30) });
  if (options.before) params.set("before", String(options.before));
  return (await apiJson<{ activities: Activity[] }>(`/api/activity?${params}`)).activities;
}
