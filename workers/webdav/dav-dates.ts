// Listings format two dates per entry; Date's own formatters cost ~5 µs each, which for 10,000
// entries is a sizeable share of a PROPFIND. These compute the same strings with integer arithmetic.
const DAYS = ["Sun", "Mon", "Tue", "Wed", "Thu", "Fri", "Sat"];
const MONTHS = ["Jan", "Feb", "Mar", "Apr", "May", "Jun", "Jul", "Aug", "Sep", "Oct", "Nov", "Dec"];
const pad2 = (n: number) => (n < 10 ? `0${n}` : String(n));

/** Year, month (1-12), day and time of day of a Unix time in whole seconds (Hinnant's civil_from_days). */
function civil(seconds: number) {
  const days = Math.floor(seconds / 86400);
  const time = seconds - days * 86400;
  const z = days + 719468;
  const era = Math.floor(z / 146097);
  const doe = z - era * 146097;
  const yoe = Math.floor((doe - Math.floor(doe / 1460) + Math.floor(doe / 36524) - Math.floor(doe / 146096)) / 365);
  const doy = doe - (365 * yoe + Math.floor(yoe / 4) - Math.floor(yoe / 100));
  const mp = Math.floor((5 * doy + 2) / 153);
  const day = doy - Math.floor((153 * mp + 2) / 5) + 1;
  const month = mp < 10 ? mp + 3 : mp - 9;
  const year = yoe + era * 400 + (month <= 2 ? 1 : 0);
  const clock = `${pad2(Math.floor(time / 3600))}:${pad2(Math.floor((time % 3600) / 60))}:${pad2(time % 60)}`;
  return { days, year, month, day, clock };
}

/** Years Date writes with four digits; anything else (or a fraction of a second) goes through Date. */
const simple = (seconds: number) => Number.isSafeInteger(seconds) && seconds >= -30610224000 && seconds < 253402300800;

/** RFC 1123, as `Date.prototype.toUTCString`: `Tue, 24 May 2022 10:00:00 GMT`. */
export function httpDate(seconds: number): string {
  if (!simple(seconds)) return new Date(seconds * 1000).toUTCString();
  const { days, year, month, day, clock } = civil(seconds);
  return `${DAYS[(((days + 4) % 7) + 7) % 7]}, ${pad2(day)} ${MONTHS[month - 1]} ${year} ${clock} GMT`;
}

/** ISO 8601, as `Date.prototype.toISOString`: `2022-05-24T10:00:00.000Z`. */
export function isoDate(seconds: number): string {
  if (!simple(seconds)) return new Date(seconds * 1000).toISOString();
  const { year, month, day, clock } = civil(seconds);
  return `${year}-${pad2(month)}-${pad2(day)}T${clock}.000Z`;
}
