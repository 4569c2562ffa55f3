import type { ActivityType } from "./event-types";

type Lang = "fr" | "en";

const PHRASES: Record<ActivityType, Record<Lang, string>> = {
  file_created: { fr: "{actor} a créé {path}", en: "{actor} created {path}" },
  file_changed: { fr: "{actor} a modifié {path}", en: "{actor} changed {path}" },
  file_moved: { fr: "{actor} a déplacé {from} vers {path}", en: "{actor} moved {from} to {path}" },
  file_deleted: { fr: "{actor} a supprimé {path}", en: "{actor} deleted {path}" },
  file_restored: { fr: "{actor} a restauré {path}", en: "{actor} restored {path}" },
  shared: { fr: "{actor} a partagé {path}", en: "{actor} shared {path}" },
  unshared: { fr: "{actor} a cessé de partager {path}", en: "{actor} stopped sharing {path}" },
  public_link_downloaded: { fr: "{path} a été téléchargé par un lien public", en: "{path} was downloaded through a public link" },
  comment_added: { fr: "{actor} a commenté {path}", en: "{actor} commented on {path}" },
  tags_changed: { fr: "{actor} a changé les étiquettes de {path}", en: "{actor} changed the tags of {path}" },
};

export interface DescribedActivity {
  type: string;
  actorId: string | null;
  path: string | null;
  details: string | null;
}

/** One line of a digest e-mail; "vous"/"you" when the reader did it. */
export function describeActivity(activity: DescribedActivity, reader: string, lang: Lang): string {
  const phrase = PHRASES[activity.type as ActivityType]?.[lang] ?? activity.type;
  const details = activity.details ? (JSON.parse(activity.details) as Record<string, unknown>) : {};
  const actor = activity.actorId === reader ? (lang === "fr" ? "Vous" : "You") : (activity.actorId ?? (lang === "fr" ? "Quelqu'un" : "Someone"));
  return phrase
    .replace("{actor}", actor)
    .replace("{path}", activity.path ?? "?")
    .replace("{from}", typeof details.from === "string" ? details.from : "?");
}
