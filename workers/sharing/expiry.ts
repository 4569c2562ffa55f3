const DAY = 86_400;

/**
 * A share's expiry date (Nextcloud's `expireDate`, YYYY-MM-DD, a time part ignored) as the moment it
 * stops working: the start of the next day, UTC, so the share works through the chosen day. Null for
 * a malformed date, "past" for a day already over.
 */
export function expiresAtOf(value: string, now = Date.now()): number | null | "past" {
  const match = /^(\d{4})-(\d{2})-(\d{2})(?:[T ][0-9:.]+(?:Z|[+-]\d{2}:?\d{2})?)?$/.exec(value.trim());
  if (!match) return null;
  const [year, month, day] = [Number(match[1]), Number(match[2]), Number(match[3])];
  const start = Date.UTC(year, month - 1, day);
  const date = new Date(start);
  // Date.UTC rolls 2026-02-31 over to March: such a day does not exist.
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) return null;
  const expiresAt = start / 1000 + DAY;
  return expiresAt * 1000 <= now ? "past" : expiresAt;
}

/** The chosen day back, as Nextcloud shows it: "Y-m-d 00:00:00". */
export function expirationOf(expiresAt: number | null): string | null {
  if (expiresAt === null) return null;
  return `${new Date((expiresAt - DAY) * 1000).toISOString().slice(0, 10)} 00:00:00`;
}
