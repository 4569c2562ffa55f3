export type Lang = "fr" | "en";

/** The first of French or English the browser asks for; French when it asks for neither (the instances are French). */
export function linkLanguage(acceptLanguage: string | undefined): Lang {
  for (const part of (acceptLanguage ?? "").split(",")) {
    const tag = part.split(";")[0]!.trim().toLowerCase();
    if (tag.startsWith("fr")) return "fr";
    if (tag.startsWith("en")) return "en";
  }
  return "fr";
}

const TEXT = {
  fr: {
    title: "Partage public",
    sharedBy: "Partagé par {name}",
    note: "Note",
    download: "Télécharger",
    name: "Nom",
    size: "Taille",
    modified: "Modifié",
    empty: "Ce dossier est vide.",
    parent: "Dossier parent",
    gone: "Ce lien n’existe pas ou n’est plus valide.",
    goneTitle: "Lien introuvable",
    protected: "Ce partage est protégé par un mot de passe.",
    password: "Mot de passe",
    submit: "Valider",
    wrongPassword: "Mot de passe incorrect. Veuillez réessayer.",
    tooMany: "Trop de tentatives. Réessayez dans quelques minutes.",
    noDownload: "Le téléchargement est désactivé pour ce lien.",
    downloadAll: "Tout télécharger",
    badRequest: "Cette adresse n’est pas valide.",
    dropTitle: "Déposer des fichiers",
    dropIntro: "Les fichiers que vous déposez sont remis à {name}. Vous ne verrez pas ceux déposés par d’autres.",
    choose: "Choisir des fichiers",
    addFiles: "Ajouter des fichiers",
    sent: "Envoyé",
    failed: "Échec",
    display: "Affichage",
    gallery: "Galerie",
    list: "Liste",
    previous: "Précédente",
    next: "Suivante",
    backToFolder: "Retour au dossier",
  },
  en: {
    title: "Public share",
    sharedBy: "Shared by {name}",
    note: "Note",
    download: "Download",
    name: "Name",
    size: "Size",
    modified: "Modified",
    empty: "This folder is empty.",
    parent: "Parent folder",
    gone: "This link does not exist or is no longer valid.",
    goneTitle: "Link not found",
    protected: "This share is protected by a password.",
    password: "Password",
    submit: "Submit",
    wrongPassword: "Wrong password. Please try again.",
    tooMany: "Too many attempts. Try again in a few minutes.",
    noDownload: "Downloads are disabled for this link.",
    downloadAll: "Download all",
    badRequest: "This address is not valid.",
    dropTitle: "Upload files",
    dropIntro: "The files you upload are handed to {name}. You will not see those uploaded by others.",
    choose: "Choose files",
    addFiles: "Add files",
    sent: "Uploaded",
    failed: "Failed",
    display: "Display",
    gallery: "Gallery",
    list: "List",
    previous: "Previous",
    next: "Next",
    backToFolder: "Back to the folder",
  },
} as const;

export type Message = keyof (typeof TEXT)["fr"];

export const t = (lang: Lang, key: Message, vars: Record<string, string> = {}) =>
  TEXT[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? "");

/** "1,2 Mo" or "1.2 MB". */
export function formatSize(lang: Lang, bytes: number): string {
  const units = lang === "fr" ? ["o", "Ko", "Mo", "Go", "To"] : ["B", "KB", "MB", "GB", "TB"];
  let value = bytes;
  let unit = 0;
  while (value >= 1024 && unit < units.length - 1) {
    value /= 1024;
    unit++;
  }
  const number = new Intl.NumberFormat(lang === "fr" ? "fr-FR" : "en-GB", { maximumFractionDigits: unit === 0 ? 0 : 1 }).format(value);
  return `${number} ${units[unit]}`;
}

export function formatDate(lang: Lang, seconds: number): string {
  return new Intl.DateTimeFormat(lang === "fr" ? "fr-FR" : "en-GB", { dateStyle: "medium", timeStyle: "short", timeZone: "Europe/Paris" }).format(new Date(seconds * 1000));
}
