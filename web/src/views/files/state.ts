import { signal } from "@preact/signals";
import type { FileNode } from "../../api/files";

export type SortKey = "name" | "size" | "mtime";
export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

const SORT_STORAGE = "cumulus.files.sort";

function storedSort(): SortOrder {
  try {
    const parsed = JSON.parse(window.localStorage.getItem(SORT_STORAGE) ?? "null") as Partial<SortOrder> | null;
    if (parsed && (parsed.key === "name" || parsed.key === "size" || parsed.key === "mtime")) return { key: parsed.key, descending: parsed.descending === true };
  } catch {
    // Private modes refuse storage; the default order will do.
  }
  return { key: "name", descending: false };
}

/** The listing's order, kept on this browser as Nextcloud keeps it per user. */
export const sortOrder = signal<SortOrder>(storedSort());
sortOrder.subscribe((order) => {
  try {
    window.localStorage.setItem(SORT_STORAGE, JSON.stringify(order));
  } catch {
    // See above.
  }
});

/** Folders first, then by the chosen column; names compare as people read them ("2" before "10"). */
export function sortNodes(nodes: readonly FileNode[], order: SortOrder, locale: string): FileNode[] {
  const collator = new Intl.Collator(locale, { numeric: true, sensitivity: "base" });
  const byName = (a: FileNode, b: FileNode) => collator.compare(a.name, b.name);
  const compare = (a: FileNode, b: FileNode) => {
    const primary = order.key === "name" ? byName(a, b) : order.key === "size" ? a.size - b.size : a.mtime - b.mtime;
    return primary !== 0 ? primary : byName(a, b);
  };
  return [...nodes].sort((a, b) => Number(b.isFolder) - Number(a.isFolder) || (order.descending ? -compare(a, b) : compare(a, b)));
}

/**
 * The item whose details are open, with the tab to show: the details sidebar renders beside the
 * listing while it is set. Any view of Files may open it.
 */
export const detailsOf = signal<{ node: FileNode; tab?: "activity" | "comments" | "sharing" | "versions" } | null>(null);

/** Bumped after a change made elsewhere (an upload, the details sidebar), so the listing reloads. */
export const filesChanged = signal(0);
export const refreshListing = () => void (filesChanged.value += 1);

/** The folder "Tous les fichiers" shows, for what plugs into its toolbar (the upload). */
export const currentFolder = signal<FileNode | null>(null);
