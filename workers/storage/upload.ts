import { ApiError, badRequest } from "../http/errors";
import { sha1PassThrough } from "./sha1-stream";

export interface StoredBlob {
  key: string;
  size: number;
  sha1: string;
}

/**
 * Streams a body into R2 under a new immutable key while hashing it, never holding it in memory.
 * R2 needs the length up front; a body that ends early or runs long fails here and leaves nothing behind.
 */
export async function storeBlob(bucket: R2Bucket, body: ReadableStream<Uint8Array> | null, length: number, contentType: string): Promise<StoredBlob> {
  const key = `blobs/${crypto.randomUUID()}`;
  const hashing = sha1PassThrough();
  const fixed = new FixedLengthStream(length);
  const source = body ?? new ReadableStream<Uint8Array>({ start: (c) => c.close() });
  const piping = source.pipeThrough(hashing.stream).pipeTo(fixed.writable);
  try {
    await Promise.all([bucket.put(key, fixed.readable, { httpMetadata: { contentType } }), piping]);
  } catch (error) {
    await bucket.delete(key).catch(() => undefined);
    if (error instanceof ApiError) throw error;
    throw badRequest("The upload was interrupted or its length did not match Content-Length", "incomplete_upload");
  }
  return { key, size: length, sha1: await hashing.sha1 };
}

/** `OC-Checksum: SHA1:<hex>` (other algorithms are accepted but not checked). */
export function expectedSha1(header: string | undefined): string | undefined {
  const match = /(?:^|\s)SHA1:([0-9a-fA-F]{40})(?:\s|$)/.exec(header ?? "");
  return match?.[1]?.toLowerCase();
}
