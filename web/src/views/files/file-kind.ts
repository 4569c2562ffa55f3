/** The kinds of files the listing draws and the viewers open. */
export type FileKind = "folder" | "image" | "pdf" | "markdown" | "text" | "audio" | "video" | "archive" | "document" | "spreadsheet" | "presentation" | "other";

const BY_EXTENSION: Record<string, FileKind> = {
  md: "markdown",
  markdown: "markdown",
  txt: "text",
  csv: "text",
  log: "text",
  json: "text",
  pdf: "pdf",
  zip: "archive",
  "7z": "archive",
  gz: "archive",
  tar: "archive",
  rar: "archive",
  doc: "document",
  docx: "document",
  odt: "document",
  rtf: "document",
  xls: "spreadsheet",
  xlsx: "spreadsheet",
  ods: "spreadsheet",
  ppt: "presentation",
  pptx: "presentation",
  odp: "presentation",
};

/** Pictures the browser shows and the server serves inline (never SVG, which may hold scripts). */
const VIEWABLE_IMAGES = new Set(["image/png", "image/jpeg", "image/gif", "image/webp", "image/avif", "image/bmp"]);

export const extensionOf = (name: string) => {
  const dot = name.lastIndexOf(".");
  return dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
};

export function kindOf(node: { name: string; mime: string; isFolder: boolean }): FileKind {
  if (node.isFolder) return "folder";
  const byExtension = BY_EXTENSION[extensionOf(node.name)];
  if (byExtension) return byExtension;
  const mime = node.mime.toLowerCase();
  if (mime.startsWith("image/")) return "image";
  if (mime.startsWith("audio/")) return "audio";
  if (mime.startsWith("video/")) return "video";
  if (mime === "application/pdf") return "pdf";
  if (mime === "text/markdown") return "markdown";
  if (mime.startsWith("text/")) return "text";
  return "other";
}

/** What a click on the file does in the browser, before any plugin's editor is considered. */
export type Viewer = "image" | "pdf" | "markdown" | "text" | null;

export function viewerFor(node: { name: string; mime: string; isFolder: boolean; size: number }): Viewer {
  const kind = kindOf(node);
  if (kind === "image") return VIEWABLE_IMAGES.has(node.mime.toLowerCase()) ? "image" : null;
  if (kind === "pdf") return "pdf";
  // The reader holds the whole text in the page: big logs are better downloaded.
  if (kind === "markdown" || kind === "text") return node.size <= 2 * 1024 * 1024 ? kind : null;
  return null;
}
