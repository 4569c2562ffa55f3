import { signal } from "@preact/signals";
import type { FileNode } from "../../api/files";

export type SortKey = "name" | "size" | "mtime";
export interface SortOrder {
  key: SortKey;
  descending: boolean;
}

/**
 * A choice of Files kept on this browser, as Nextcloud keeps it per user; `read` turns what was stored
 * into a value, or undefined for the default.
 */
function persisted<T>(key: string, read: (stored: unknown) => T | undefined, fallback: T) {
  let initial = fallback;
  try {
    initial = read(JSON.parse(window.localStorage.getItem(key) ?? "null")) ?? fallback;
  } catch {
    // Private modes refuse storage; the default will do.
  }
  const value = signal<T>(initial);
  value.subscribe((current) => {
    try {
      window.localStorage.setItem(key, JSON.stringify(current));
    } catch {
      // See above.
    }
  });
  return value;
}

/** The listing's order. */
export const sortOrder = persisted<SortOrder>(
  "cumulus.files.sort",
  (stored) => {
    const parsed = stored as Partial<SortOrder> | null;
    return parsed && (parsed.key === "name" || parsed.key === "size" || parsed.key === "mtime") ? { key: parsed.key, descending: parsed.descending === true } : undefined;
  },
  { key: "name", descending: false },
);

/**
 * Whether the listings show hidden items (names starting with a dot, such as a document's
 * `.attachments.<id>` folder of pictures). Off by default, as in Nextcloud.
 */
export const showHidden = persisted<boolean>("cumulus.files.showHidden", (stored) => (typeof stored === "boolean" ? stored : undefined), false);

const hiddenName = (name: string) => name.startsWith(".");

/**
 * The items a listing shows, the hidden ones left out unless asked for. `anywhere` also leaves out
 * what sits inside a hidden folder, for the lists gathered from the whole tree (Récent, Favoris…); a
 * folder's own listing shows what is inside a hidden folder opened on purpose.
 */
export function shownNodes(nodes: readonly FileNode[], withHidden: boolean, anywhere = false, pointedAt: number | null = null): readonly FileNode[] {
  if (withHidden) return nodes;
  return nodes.filter((node) => node.id === pointedAt || !(anywhere ? node.path.split("/").some(hiddenName) : hiddenName(node.name)));
}

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
