import {
  cancelChunkedUpload,
  davFileSize,
  failureOf,
  finishChunkedUpload,
  NetworkFailure,
  putChunk,
  receivedChunks,
  startChunkedUpload,
} from "../../../api/uploads";
import { forgetTransfer, rememberedTransfer, rememberTransfer } from "./resume-store";
import { backoffSeconds, isTransient, MAX_RETRIES, type TransferControl } from "./transfer-control";

export interface ChunkedUpload {
  userId: string;
  file: File;
  /** The WebDAV URL the file lands at. */
  destination: string;
  chunkSize: number;
  control: TransferControl;
  onProgress: (sent: number) => void;
  /** Seconds before the next attempt after a failure (undefined: waiting for the network), or null when sending again. */
  onWaiting: (seconds: number | undefined | null) => void;
}

/** The server lost the upload folder (finished elsewhere, cancelled in another tab, expired): start over. */
class UploadGone extends Error {}

const newTransferId = () => `web-${crypto.randomUUID()}`;

/**
 * Nextcloud's chunked upload v2, resumable: the upload folder's name is remembered for this file and
 * destination, and after any failure (or a reload) the server is asked which chunks it holds, so
 * only the missing ones are sent again. Network failures and busy servers are retried with growing
 * waits; a refusal (quota, rights) ends the upload and reclaims its chunks.
 */
export async function uploadChunked(upload: ChunkedUpload): Promise<void> {
  const { userId, file, destination, chunkSize, control } = upload;
  const total = file.size;
  const count = Math.ceil(total / chunkSize);
  const expected = (n: number) => Math.min(chunkSize, total - (n - 1) * chunkSize);
  let transferId = rememberedTransfer(destination, file);
  let received: Map<number, number> | null | undefined = transferId ? undefined : null;
  let failures = 0;

  const confirmedBytes = () => {
    let sum = 0;
    for (let n = 1; n <= count; n++) if (received?.get(n) === expected(n)) sum += expected(n);
    return sum;
  };

  /** Learns what the server holds, or opens a new upload folder when there is none. */
  const synchronise = async () => {
    if (transferId && received === undefined) received = await receivedChunks(userId, transferId);
    if (!transferId || !received) {
      // Named only once the server made it: a refused MKCOL (full quota) leaves nothing to delete.
      transferId = null;
      const id = newTransferId();
      await startChunkedUpload(userId, id, destination, total);
      transferId = id;
      rememberTransfer(destination, file, id);
      received = new Map();
    }
    return { id: transferId, chunks: received };
  };

  const sendMissing = async () => {
    const { id, chunks } = await synchronise();
    upload.onProgress(confirmedBytes());
    for (let n = 1; n <= count; n++) {
      control.check();
      if (chunks.get(n) === expected(n)) continue;
      const before = confirmedBytes();
      const start = (n - 1) * chunkSize;
      const answer = await control.run(putChunk(userId, id, n, file.slice(start, start + expected(n)), destination, (sent) => upload.onProgress(before + sent)));
      if (answer.status === 404) throw new UploadGone();
      if (answer.status < 200 || answer.status >= 300) throw failureOf(answer);
      chunks.set(n, expected(n));
      failures = 0;
      upload.onProgress(confirmedBytes());
    }
    return id;
  };

  /** After a failure: wait, then ask the server again what it has (a chunk may have landed though its answer was lost). */
  const recover = async (error: unknown) => {
    if (error instanceof UploadGone && ++failures <= MAX_RETRIES) {
      transferId = null;
      received = null;
    } else if (!isTransient(error) || ++failures > MAX_RETRIES) {
      throw error;
    } else {
      await control.pause(backoffSeconds(failures), (left) => upload.onWaiting(left));
      received = undefined;
    }
    upload.onWaiting(null);
  };

  try {
    let id: string;
    for (;;) {
      try {
        id = await sendMissing();
        break;
      } catch (error) {
        await recover(error);
      }
    }
    await finish(upload, id, total);
    forgetTransfer(destination, file);
  } catch (error) {
    // Gave up on a network that stays down: the chunks stay, and picking the file again resumes.
    if (error instanceof NetworkFailure) throw error;
    forgetTransfer(destination, file);
    if (transferId) await cancelChunkedUpload(userId, transferId).catch(() => undefined);
    throw error;
  }
}

/**
 * MOVE of `.file`. When an attempt's answer is lost, the move may have happened: a later attempt
 * then finds no upload (404), and the destination's size tells whether the file is there.
 */
async function finish(upload: ChunkedUpload, transferId: string, total: number): Promise<void> {
  const { userId, destination, control, file } = upload;
  let uncertain = false;
  let failures = 0;
  for (;;) {
    control.check();
    try {
      const answer = await control.run(finishChunkedUpload(userId, transferId, destination, total, Math.floor(file.lastModified / 1000)));
      if (answer.status >= 200 && answer.status < 300) return;
      if (answer.status === 404 && uncertain && (await davFileSize(destination)) === total) return;
      throw failureOf(answer);
    } catch (error) {
      if (!isTransient(error) || ++failures > MAX_RETRIES) throw error;
      uncertain ||= error instanceof NetworkFailure;
      await control.pause(backoffSeconds(failures), (left) => upload.onWaiting(left));
      upload.onWaiting(null);
    }
  }
}
