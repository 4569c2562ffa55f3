/**
 * The notification settings list, as Nextcloud shows it under Paramètres → Activité. Each recorded
 * activity type belongs to one of these settings.
 */
export const ACTIVITY_SETTINGS = [
  { id: "file_created", label: { fr: "Un nouveau fichier ou dossier a été créé", en: "A new file or folder has been created" }, stream: true, mail: false },
  { id: "file_changed", label: { fr: "Un fichier ou dossier a été modifié", en: "A file or folder has been changed" }, stream: true, mail: false },
  { id: "file_deleted", label: { fr: "Un fichier ou dossier a été supprimé", en: "A file or folder has been deleted" }, stream: true, mail: false },
  { id: "file_restored", label: { fr: "Un fichier ou dossier a été restauré", en: "A file or folder has been restored" }, stream: true, mail: false },
  { id: "shared", label: { fr: "Un fichier ou dossier a été partagé", en: "A file or folder has been shared" }, stream: true, mail: true },
  { id: "remote_share", label: { fr: "Un fichier ou dossier a été partagé depuis un autre serveur", en: "A file or folder was shared from another server" }, stream: true, mail: false },
  { id: "public_links", label: { fr: "Un fichier ou dossier partagé publiquement a été téléchargé", en: "A publicly shared file or folder was downloaded" }, stream: true, mail: false },
  { id: "comments", label: { fr: "Commentaires sur les fichiers", en: "Comments for files" }, stream: true, mail: false },
  { id: "systemtags", label: { fr: "Les étiquettes d'un fichier ont été modifiées", en: "System tags for a file have been modified" }, stream: true, mail: false },
] as const;

export type ActivitySettingId = (typeof ACTIVITY_SETTINGS)[number]["id"];

/** Recorded activity types, and the setting that governs each. */
export const ACTIVITY_TYPES = {
  file_created: "file_created",
  file_changed: "file_changed",
  file_moved: "file_changed",
  file_deleted: "file_deleted",
  file_restored: "file_restored",
  shared: "shared",
  unshared: "shared",
  public_link_downloaded: "public_links",
  comment_added: "comments",
  tags_changed: "systemtags",
} as const satisfies Record<string, ActivitySettingId>;

export type ActivityType = keyof typeof ACTIVITY_TYPES;

/** Nextcloud's defaults, and the seed's e-mail frequency. */
export const DEFAULT_PREFERENCES = {
  mailFrequency: "daily" as "hourly" | "daily" | "weekly",
  favoritesOnly: false,
  listOwnActions: true,
  mailOwnActions: false,
};
