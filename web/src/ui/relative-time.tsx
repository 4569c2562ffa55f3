import { formatDateTime, formatRelative } from "../i18n/format";

/** "il y a 3 minutes", with the exact date for a tooltip and for machines. */
export function RelativeTime({ epochMs }: { epochMs: number }) {
  return (
    <time dateTime={new Date(epochMs).toISOString()} title={formatDateTime(epochMs)}>
      {formatRelative(epochMs)}
    </time>
  );
}
