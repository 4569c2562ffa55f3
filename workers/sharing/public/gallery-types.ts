import { isSafeInline } from "../../files-api/content";
import type { FileNode } from "../../storage/tree";

/**
 * Pictures a link's page shows as themselves: plain bitmaps only. Never SVG (it holds scripts), and
 * nothing the browser could take for a page; the type sent is this list's, not whatever the row holds.
 */
const GALLERY_TYPES = ["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif"] as const;

export type GalleryType = (typeof GALLERY_TYPES)[number];

/** The type to serve a file's preview with, or null when it is no picture of ours to show. */
export function galleryType(node: FileNode): GalleryType | null {
  if (node.isFolder) return null;
  const mime = node.mime.split(";")[0]!.trim().toLowerCase();
  const found = GALLERY_TYPES.find((type) => type === mime);
  return found && isSafeInline(found) ? found : null;
}

export const isGalleryImage = (node: FileNode) => galleryType(node) !== null;
