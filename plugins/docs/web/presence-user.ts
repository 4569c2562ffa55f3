import { t } from "../../../web/src/i18n";

/** How a person appears to the others: name and colour, in the awareness state's `user` field. */
export interface Presence {
  name: string;
  color: string;
  id: string;
  /** A public link's visitor; the room sets it on whatever a visitor sends, so it cannot be dropped. */
  guest?: boolean;
}

/** How a person is named to the others: a visitor's chosen name is marked as a guest's. */
export const shownName = (user: Partial<Presence>, name: string) => (user.guest === true ? t("docs.guest.suffix", { name }) : name);

// Dark enough for white text on the name labels.
const COLOURS = ["#0073a8", "#b3470d", "#2e7d32", "#8e24aa", "#c62828", "#00796b", "#5d4037", "#3949ab", "#ad1457", "#6d4c41"];

/** The same colour for a person on every device, from their id. */
export function colourOf(userId: string): string {
  let hash = 0;
  for (const char of userId) hash = (hash * 31 + char.codePointAt(0)!) >>> 0;
  return COLOURS[hash % COLOURS.length]!;
}

export const presenceOf = (user: { id: string; displayName: string }): Presence => ({ id: user.id, name: user.displayName || user.id, color: colourOf(user.id) });
