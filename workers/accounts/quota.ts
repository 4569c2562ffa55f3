import { z } from "zod";

/** Nextcloud's way of saying "no limit". */
export const UNLIMITED = -3;

const UNITS: Record<string, number> = { b: 1, kb: 1024, mb: 1024 ** 2, gb: 1024 ** 3, tb: 1024 ** 4, k: 1024, m: 1024 ** 2, g: 1024 ** 3, t: 1024 ** 4 };

/**
 * Reads a quota as admins type it: "5 GB", "500MB", "1073741824", "none" (unlimited) or "default".
 * Returns bytes, UNLIMITED, or null for the instance default.
 */
export function parseQuota(text: string): number | null {
  const value = text.trim().toLowerCase();
  if (value === "default") return null;
  if (value === "none" || value === "unlimited") return UNLIMITED;
  const match = /^(\d+(?:[.,]\d+)?)\s*([kmgt]?b?)?$/.exec(value);
  if (!match) throw new Error(`"${text}" is not a quota (try "5 GB", "none" or "default")`);
  const amount = Number(match[1]!.replace(",", "."));
  return Math.round(amount * (UNITS[match[2] || "b"] ?? 1));
}

export const quotaSchema = z.string().max(32).transform((text, ctx) => {
  try {
    return parseQuota(text);
  } catch (error) {
    ctx.addIssue({ code: "custom", message: (error as Error).message });
    return z.NEVER;
  }
});

/** The quota in force for a user: their own, else the instance default; null when unlimited. */
export function effectiveQuota(userQuota: number | null, defaultQuota: number | null): number | null {
  if (userQuota === UNLIMITED) return null;
  return userQuota ?? defaultQuota;
}
