import { signal } from "@preact/signals";
import { language, t } from "./index";

const BYTE_UNITS = ["byte", "kilobyte", "megabyte", "gigabyte", "terabyte", "petabyte"] as const;

/** "33,5 Mo" / "33.5 MB": binary multiples, as Nextcloud counts quotas, in the locale's own unit names. */
export function formatBytes(bytes: number): string {
  let value = Math.max(0, bytes);
  let unit = 0;
  while (value >= 1024 && unit < BYTE_UNITS.length - 1) {
    value /= 1024;
    unit++;
  }
  return new Intl.NumberFormat(language.value, {
    style: "unit",
    unit: BYTE_UNITS[unit],
    unitDisplay: "short",
    maximumFractionDigits: unit === 0 || value >= 100 ? 0 : 1,
  }).format(value);
}

/** Ticks every 30 s so that "il y a 3 minutes" stays true on a page left open. */
export const now = signal(Date.now());
setInterval(() => (now.value = Date.now()), 30_000);

const STEPS: [Intl.RelativeTimeFormatUnit, number][] = [
  ["second", 60],
  ["minute", 60],
  ["hour", 24],
  ["day", 30],
  ["month", 12],
  ["year", Infinity],
];

/** "il y a 3 minutes", "hier", "dans 2 jours". */
export function formatRelative(epochMs: number): string {
  let delta = (epochMs - now.value) / 1000;
  if (Math.abs(delta) < 45) return t("time.justNow");
  const format = new Intl.RelativeTimeFormat(language.value, { numeric: "auto" });
  for (const [unit, size] of STEPS) {
    if (Math.abs(delta) < size) return format.format(Math.round(delta), unit);
    delta /= size;
  }
  return format.format(Math.round(delta), "year");
}

/** The full date, for a tooltip or a screen reader beside a relative one. */
export function formatDateTime(epochMs: number): string {
  return new Intl.DateTimeFormat(language.value, { dateStyle: "long", timeStyle: "short" }).format(epochMs);
}
