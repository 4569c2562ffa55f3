import { ApiError, badRequest, conflict, notFound } from "../../http/errors";
import { isForeignKeyViolation } from "../../storage/constraints";
import { assertValidName } from "../../storage/names";
import { spaceLeftFor } from "../../storage/quota";
import { insufficientStorage } from "../../storage/service";
import { UserView } from "../../sharing/user-view";
import { storeBlob } from "../../storage/upload";
import { eq, and } from "drizzle-orm";
import { uploadChunks } from "../../../schema/core";
import { sameDestination, uploadDestination } from "./destination";
import { CHUNK_MAX_BYTES } from "./limits";
import type { UploadRequest } from "./routes";
import { chunkEtag, createUpload, discardUpload, findUpload, recordChunk, stagedBytes, type ChunkedUpload } from "./store";

const tooLarge = (message: string) => new ApiError(413, "too_large", message);

/** `OC-Total-Length`, when sent: a byte count, or a 400. */
export function totalLengthHeader(value: string | undefined): number | undefined {
  if (value === undefined) return undefined;
  const length = Number(value.trim());
  if (value.trim() === "" || !Number.isSafeInteger(length) || length < 0) throw badRequest("OC-Total-Length must be a byte count", "bad_length");
  return length;
}

export async function uploadNamed(request: UploadRequest): Promise<ChunkedUpload> {
  const upload = request.transferId ? await findUpload(request.db, request.user.id, request.transferId) : undefined;
  if (!upload) throw notFound("No such upload");
  return upload;
}

/**
 * MKCOL of an upload folder: 201 exactly (nextcloudcmd accepts nothing else), 405 when it exists.
 * A known total is checked now, so a client learns of a too large file or a full quota before sending it.
 */
export async function handleUploadMkcol(request: UploadRequest): Promise<Response> {
  const { c, db, user, transferId } = request;
  if (!transferId) throw new ApiError(405, "exists", "The uploads folder exists");
  if (request.member) throw conflict("Upload folders hold chunks, not folders");
  assertValidName(transferId);
  if ((await c.req.text()).length > 0) throw new ApiError(415, "unsupported_media_type", "MKCOL with a body is not supported");
  const total = totalLengthHeader(c.req.header("OC-Total-Length"));
  const header = c.req.header("Destination");
  const destination = header === undefined ? undefined : uploadDestination(c, user, header);
  if (total !== undefined) {
    const config = c.var.config;
    if (total > config.maxUploadBytes) throw tooLarge(`Files of more than ${config.maxUploadBytes} bytes cannot be uploaded`);
    // Chunking v2 names its target now: the quota is that of the tree it lands in (a space's, when it
    // goes into one), and the bytes of a file it replaces come back to it.
    const target = destination ? await (await UserView.of(db, user)).resolve(destination.names) : undefined;
    const replaced = target?.node;
    const left = await spaceLeftFor(db, config, (target?.node ?? target?.parent)?.ownerId ?? user.id);
    if (left !== null && total - (replaced && !replaced.isFolder ? replaced.size : 0) > left) throw insufficientStorage();
  }
  const created = await createUpload(db, { userId: user.id, transferId, destination: header ?? null, totalLength: total ?? null });
  if (!created) throw new ApiError(405, "exists", "An upload with this name exists");
  return new Response(null, { status: 201, headers: { "Content-Length": "0" } });
}

/** A chunk's name: its number, zero-padded to 16 digits (NG) or 1 to 10000 (chunking v2). */
function assertChunkName(upload: ChunkedUpload, name: string): void {
  if (!/^\d{1,16}$/.test(name)) throw badRequest("A chunk is named by its number", "invalid_chunk_name");
  if (upload.destination !== null && (Number(name) < 1 || Number(name) > 10_000)) throw badRequest("Chunks are numbered 1 to 10000", "invalid_chunk_name");
}

/**
 * PUT of one chunk: streamed to its own R2 object, then recorded. Sending a chunk again replaces it,
 * so a resumed or retried upload never assembles stale bytes.
 */
export async function handleChunkPut(request: UploadRequest): Promise<Response> {
  const { c, db, bucket, user, member } = request;
  if (!member) throw new ApiError(405, "is_folder", "PUT a chunk into the upload folder");
  const upload = await uploadNamed(request);
  assertChunkName(upload, member);
  const header = c.req.header("Destination");
  if (upload.destination !== null && header !== undefined && !sameDestination(uploadDestination(c, user, header), uploadDestination(c, user, upload.destination))) {
    throw badRequest("The Destination differs from the one the upload was created with", "destination_mismatch");
  }
  const lengthHeader = c.req.header("Content-Length");
  if (lengthHeader === undefined) throw new ApiError(411, "length_required", "Content-Length is required");
  const length = Number(lengthHeader);
  if (!Number.isSafeInteger(length) || length < 0) throw badRequest("Invalid Content-Length", "bad_length");
  if (length > CHUNK_MAX_BYTES) throw tooLarge(`A chunk has at most ${CHUNK_MAX_BYTES} bytes`);
  // Staged chunks are outside the quota; the per-upload maximum bounds them.
  const max = c.var.config.maxUploadBytes;
  if ((await stagedBytes(db, upload.id, member)) + length > max) throw tooLarge(`Files of more than ${max} bytes cannot be uploaded`);
  const blob = await storeBlob(bucket, c.req.raw.body, length, "application/octet-stream");
  let replaced: string | undefined;
  try {
    replaced = await recordChunk(db, upload, { name: member, size: length, blobKey: blob.key });
  } catch (error) {
    await bucket.delete(blob.key).catch(() => undefined);
    // The upload was deleted or finished while this chunk arrived.
    if (isForeignKeyViolation(error)) throw notFound("No such upload");
    throw error;
  }
  if (replaced) await bucket.delete(replaced);
  return new Response(null, { status: replaced ? 204 : 201, headers: { ETag: chunkEtag(blob.key), "OC-ETag": chunkEtag(blob.key) } });
}

/** DELETE of an upload folder (the client gives up) reclaims every staged byte; of a chunk, that chunk. */
export async function handleUploadDelete(request: UploadRequest): Promise<Response> {
  const { db, bucket, member } = request;
  if (!request.transferId) throw new ApiError(403, "forbidden", "The uploads folder cannot be deleted");
  const upload = await uploadNamed(request);
  if (!member) {
    await discardUpload(db, bucket, upload);
    return new Response(null, { status: 204 });
  }
  const [gone] = await db
    .delete(uploadChunks)
    .where(and(eq(uploadChunks.uploadId, upload.id), eq(uploadChunks.name, member)))
    .returning({ key: uploadChunks.blobKey });
  if (!gone) throw notFound("No such chunk");
  await bucket.delete(gone.key);
  return new Response(null, { status: 204 });
}
