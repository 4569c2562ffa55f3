import type { MessageKey } from "../../i18n";

export interface FilesSection {
  path: string;
  label: MessageKey;
  /** Shares' kinds sit under "Partages" in the sidebar. */
  children?: FilesSection[];
}

/** The sidebar Nextcloud's Files shows, in its order. */
export const FILES_SECTIONS: FilesSection[] = [
  { path: "/files", label: "files.all" },
  { path: "/files/recent", label: "files.recent" },
  { path: "/files/favorites", label: "files.favorites" },
  {
    path: "/files/shares",
    label: "files.shares",
    children: [
      { path: "/files/shares/by-you", label: "files.sharesByYou" },
      { path: "/files/shares/with-you", label: "files.sharesWithYou" },
      { path: "/files/shares/links", label: "files.sharesByLink" },
      { path: "/files/shares/deleted", label: "files.sharesDeleted" },
      { path: "/files/shares/pending", label: "files.sharesPending" },
    ],
  },
  { path: "/files/tags", label: "files.tags" },
  { path: "/files/trash", label: "files.trash" },
];

export function findSection(path: string): FilesSection | undefined {
  for (const section of FILES_SECTIONS) {
    if (section.path === path) return section;
    const child = section.children?.find((c) => c.path === path);
    if (child) return child;
  }
  return undefined;
}
