/**
 * The largest chunk a client may send in one PUT, as advertised in the capabilities. Cloudflare refuses
 * request bodies over 100 MB on the common plans, so this stays safely under it.
 */
export const CHUNK_MAX_BYTES = 90 * 1024 * 1024;

/** How many chunks a client may send at once (the capability Nextcloud advertises next to the maximum). */
export const CHUNK_MAX_PARALLEL = 5;

/** An upload nobody touched for this long is abandoned, as Nextcloud expires its upload folders. */
export const UPLOAD_TTL_SECONDS = 24 * 3600;

/** R2 multipart: every part but the last has one size, at least 5 MiB, and there are at most 10000 parts. */
const MIN_PART = 8 * 1024 * 1024;
const MAX_PARTS = 10_000;

export function partSizeFor(total: number): number {
  return Math.max(MIN_PART, Math.ceil(total / MAX_PARTS));
}
