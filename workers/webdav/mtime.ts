import { badRequest } from "../http/errors";

/** Dates beyond this many seconds from 1970 cannot be written as an HTTP date (ECMAScript's limit). */
const MAX_SECONDS = 8.64e12;

/**
 * `X-OC-Mtime: <unix seconds>` (a fraction is dropped). Absent: undefined. Not a number, or outside
 * what a date can express: 400, as Nextcloud answers, rather than a file dated "Invalid Date".
 */
export function ocMtime(header: string | undefined): number | undefined {
  if (header === undefined) return undefined;
  const trimmed = header.trim();
  const seconds = /^-?\d+(\.\d+)?$/.test(trimmed) ? Math.floor(Number(trimmed)) : NaN;
  if (!Number.isSafeInteger(seconds) || Math.abs(seconds) > MAX_SECONDS) {
    throw badRequest("X-OC-Mtime must be a Unix timestamp in seconds", "invalid_mtime");
  }
  return seconds;
}
