/** What the expiry schedule needs to know of a version. */
export interface ScheduledVersion {
  id: number;
  /** When the content was superseded, in seconds. */
  createdAt: number;
  label: string | null;
}

/**
 * Nextcloud's thinning of old versions: the older a version, the fewer are kept. Each entry holds up
 * to `until` seconds of age, keeping at most one version per `step`. Everything from the last 10
 * seconds is kept (Nextcloud keeps one per 2 s there), so quick successive saves never lose one.
 */
const SCHEDULE = [
  { until: 10, step: 0 },
  { until: 60, step: 10 },
  { until: 3600, step: 60 },
  { until: 86400, step: 3600 },
  { until: 30 * 86400, step: 86400 },
  { until: Infinity, step: 7 * 86400 },
] as const;

/**
 * The ids of the versions to drop at `now`: those past `maxAgeSeconds` (null: no limit) and those
 * too close to a newer kept one. Labelled versions are never dropped, as in Nextcloud.
 */
export function versionsToExpire(versions: readonly ScheduledVersion[], now: number, maxAgeSeconds: number | null): number[] {
  const newestFirst = [...versions].sort((a, b) => b.createdAt - a.createdAt || b.id - a.id);
  const expired: number[] = [];
  let lastKept: number | undefined;
  for (const v of newestFirst) {
    if (v.label) {
      lastKept = v.createdAt;
      continue;
    }
    const age = now - v.createdAt;
    if (maxAgeSeconds !== null && age > maxAgeSeconds) {
      expired.push(v.id);
      continue;
    }
    const step = SCHEDULE.find((s) => age < s.until)!.step;
    if (lastKept !== undefined && lastKept - v.createdAt < step) expired.push(v.id);
    else lastKept = v.createdAt;
  }
  return expired;
}
