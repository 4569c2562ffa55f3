/**
 * What the documents plugin needs from the file service: the Markdown file a room mirrors.
 * The room reads it once when a document is first opened, and writes it back as a new version.
 */
export interface DocumentFiles {
  /** The file's text and ETag, or null when it no longer exists (deleted, or access lost). */
  read(fileId: number): Promise<{ text: string; etag: string } | null>;
  /** Saves `text` as the file's new content (the previous one becomes a version) on behalf of `actorId`. */
  writeVersion(fileId: number, text: string, actorId: string): Promise<{ etag: string }>;
  /** What a user may do with the file now, from the core authorization service; null when nothing. */
  accessOf(fileId: number, userId: string): Promise<"read" | "write" | null>;
}
