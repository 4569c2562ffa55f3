import { apiJson } from "../../../web/src/api/http";

/** The plugin's own endpoints, as the editor calls them (plugins/docs/*.ts serve them). */

export interface CollabGrant {
  token: string;
  readOnly: boolean;
}

/** A pass for `?token=` on the document's WebSocket; it lasts minutes, so every connection asks anew. */
export const fetchCollabGrant = (fileId: number) => apiJson<CollabGrant>(`/api/collab/${fileId}/token`, { method: "POST" });

export type ExportFormat = "docx" | "html" | "md";

export const exportUrl = (fileId: number, format: ExportFormat) => `/api/docs/${fileId}/export?format=${format}`;

/** A named version of the document, listed in the file's Versions tab. */
export const takeSnapshot = (fileId: number, label: string) => apiJson<unknown>(`/api/docs/${fileId}/snapshots`, { method: "POST", json: { label } });

/** Copies a picture the user can read beside the document; the answer is the path the Markdown keeps. */
export const attachImage = async (docId: number, imageId: number) =>
  (await apiJson<{ src: string }>(`/api/docs/${docId}/attachments`, { method: "POST", json: { fileId: imageId } })).src;

/** Absolute addresses of this site, and pictures held in the page itself; never a path relative to the editor's page. */
function isShowable(src: string): boolean {
  if (/^(data|blob):/i.test(src)) return true;
  try {
    return /^[a-z][a-z0-9+.-]*:|^\//i.test(src) && new URL(src, location.href).origin === location.origin;
  } catch {
    return false;
  }
}

/** Where one of the document's own pictures is fetched from, by its name: the plugin's route, or a public link's. */
export type AttachmentUrl = (name: string) => string;

/**
 * Where the browser fetches a picture the document names: its attachments (a relative path in the
 * Markdown, so desktop clients see them beside the file) come through the plugin's route.
 */
export function displaySrc(docId: number, src: string, attachmentUrl: AttachmentUrl = (name) => `/api/docs/${docId}/attachments/${encodeURIComponent(name)}`): string | null {
  const prefix = `.attachments.${docId}/`;
  const name = src.startsWith(prefix) && !/[/?#]/.test(src.slice(prefix.length)) ? src.slice(prefix.length) : "";
  // Pictures elsewhere on the web are not fetched (the page's policy allows this site's only): the alt text stands in.
  if (!name) return isShowable(src) ? src : null;
  let decoded = name;
  try {
    decoded = decodeURIComponent(name);
  } catch {
    // a name with a stray % is taken as written
  }
  return attachmentUrl(decoded);
}

/** Turns a Word file into a new Markdown document, beside it or in `folderId` (plugins/docs/import/routes.ts). */
export const importDocx = async (fileId: number, folderId?: number) =>
  (await apiJson<{ file: { id: number; name: string } }>("/api/docs/import", { method: "POST", json: folderId === undefined ? { fileId } : { fileId, folderId } })).file;
