import { conflict } from "../../http/errors";
import { sha1PassThrough } from "../../storage/sha1-stream";
import { storeBlob, type StoredBlob } from "../../storage/upload";
import { partSizeFor } from "./limits";
import type { UploadChunk } from "./store";

/** The staged chunks, one after the other, read from R2 only as the consumer asks for more. */
function concatenated(bucket: R2Bucket, chunks: readonly UploadChunk[]): ReadableStream<Uint8Array> {
  let index = 0;
  let current: ReadableStreamDefaultReader<Uint8Array> | undefined;
  return new ReadableStream<Uint8Array>({
    async pull(controller) {
      for (;;) {
        if (!current) {
          const chunk = chunks[index++];
          if (!chunk) return controller.close();
          const object = await bucket.get(chunk.blobKey);
          if (!object || object.size !== chunk.size) throw conflict(`Chunk ${chunk.name} is missing; send it again`, "chunk_missing");
          current = object.body.getReader();
        }
        const { done, value } = await current.read();
        if (!done) return controller.enqueue(value);
        current = undefined;
      }
    },
    async cancel(reason) {
      await current?.cancel(reason);
    },
  });
}

/**
 * Joins the staged chunks into one new R2 object through a multipart upload, hashing on the way.
 * Clients send chunks of any size; R2 wants equal parts of at least 5 MiB, so the bytes are re-cut
 * into parts as they flow, holding at most one part in memory, never the file. On failure the
 * multipart upload is aborted and the chunks stay where they were.
 */
export async function assembleChunks(bucket: R2Bucket, chunks: readonly UploadChunk[], total: number, contentType: string): Promise<StoredBlob> {
  if (total === 0) return storeBlob(bucket, null, 0, contentType);
  const key = `blobs/${crypto.randomUUID()}`;
  const multipart = await bucket.createMultipartUpload(key, { httpMetadata: { contentType } });
  const hashing = sha1PassThrough();
  const reader = concatenated(bucket, chunks).pipeThrough(hashing.stream).getReader();
  const partSize = partSizeFor(total);
  // One part travels to R2 while the next one fills: two parts in memory at most, and no waiting in turn.
  const parts: Promise<R2UploadedPart>[] = [];
  const send = async (bytes: Uint8Array) => {
    await parts[parts.length - 1];
    const uploading = multipart.uploadPart(parts.length + 1, bytes);
    uploading.catch(() => undefined); // awaited later; a failure is not "unhandled" meanwhile
    parts.push(uploading);
  };
  try {
    let part = new Uint8Array(partSize);
    let filled = 0;
    for (;;) {
      const { done, value } = await reader.read();
      if (done) break;
      let rest = value;
      while (rest.byteLength > 0) {
        const n = Math.min(rest.byteLength, partSize - filled);
        part.set(rest.subarray(0, n), filled);
        filled += n;
        rest = rest.subarray(n);
        if (filled === partSize) {
          await send(part);
          part = new Uint8Array(partSize);
          filled = 0;
        }
      }
    }
    if (filled > 0) await send(part.subarray(0, filled));
    const uploaded = await Promise.all(parts);
    const sha1 = await hashing.sha1;
    await multipart.complete(uploaded);
    return { key, size: total, sha1 };
  } catch (error) {
    await Promise.allSettled(parts);
    await reader.cancel().catch(() => undefined);
    await multipart.abort().catch(() => undefined);
    throw error;
  }
}
