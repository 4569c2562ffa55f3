import type { FileNode } from "./files";
import { ApiFailure, currentCsrfToken, reportUnauthorized } from "./http";
import { ocs } from "./ocs";

/**
 * Uploads: one PUT to the files API for a small file, Nextcloud's chunked upload v2 over WebDAV for
 * a large one (MKCOL of an upload folder naming its Destination, chunks PUT as 1…N, MOVE of `.file`).
 * Everything goes through XMLHttpRequest, the only browser API that reports how much of a body has
 * been sent; the session cookie and the `requesttoken` header authenticate it, as for fetch.
 */

/** The connection failed or timed out: nothing says whether the server got the request. */
export class NetworkFailure extends Error {}
/** Stopped on purpose (cancel). */
export class Aborted extends Error {}

export interface Answer {
  status: number;
  text: string;
  header(name: string): string | null;
}

/** A request under way: its answer (any HTTP status), and a way to stop it. */
export interface Sending<T> {
  done: Promise<T>;
  abort(): void;
}

export interface SendOptions {
  body?: Blob | string | null;
  headers?: Record<string, string>;
  /** Bytes of the body sent so far. */
  onProgress?: (sent: number) => void;
}

export function send(method: string, url: string, options: SendOptions = {}): Sending<Answer> {
  const xhr = new XMLHttpRequest();
  const done = new Promise<Answer>((resolve, reject) => {
    xhr.open(method, url);
    for (const [name, value] of Object.entries(options.headers ?? {})) xhr.setRequestHeader(name, value);
    const token = currentCsrfToken();
    if (token) xhr.setRequestHeader("requesttoken", token);
    const progress = options.onProgress;
    if (progress) xhr.upload.onprogress = (event) => progress(event.loaded);
    xhr.onload = () => {
      if (xhr.status === 401) reportUnauthorized();
      resolve({ status: xhr.status, text: xhr.responseText, header: (name) => xhr.getResponseHeader(name) });
    };
    xhr.onerror = () => reject(new NetworkFailure(`${method} ${url} failed`));
    xhr.ontimeout = () => reject(new NetworkFailure(`${method} ${url} timed out`));
    xhr.onabort = () => reject(new Aborted(`${method} ${url} stopped`));
    xhr.send(options.body ?? null);
  });
  return { done, abort: () => xhr.abort() };
}

/** A refusal as the rest of the app knows them (describeError); the JSON API says why, WebDAV only how. */
export function failureOf(answer: Answer): ApiFailure {
  try {
    const body = JSON.parse(answer.text) as { error?: { code?: string; message?: string } };
    if (body.error?.code) return new ApiFailure(answer.status, body.error.code, body.error.message ?? "");
  } catch {
    // WebDAV answers in XML; the status says enough.
  }
  return new ApiFailure(answer.status, String(answer.status), "");
}

const ok = (answer: Answer) => answer.status >= 200 && answer.status < 300;

async function expectOk(sending: Sending<Answer>): Promise<Answer> {
  const answer = await sending.done;
  if (!ok(answer)) throw failureOf(answer);
  return answer;
}

/** Creates or replaces `name` in the folder with the file's bytes, in one request. */
export function putFile(folderId: number, name: string, file: Blob, onProgress: (sent: number) => void): Sending<FileNode> {
  const sending = send("PUT", `/api/files/${folderId}/content?${new URLSearchParams({ name })}`, { body: file, onProgress });
  return { done: expectOk(sending).then((answer) => (JSON.parse(answer.text) as { node: FileNode }).node), abort: sending.abort };
}

const segments = (path: string) =>
  path
    .split("/")
    .filter((s) => s !== "")
    .map(encodeURIComponent)
    .join("/");

/** A path of the asker's files (as /api/files gives it) as the WebDAV URL a Destination names. */
export const davFileUrl = (userId: string, path: string) => `${location.origin}/remote.php/dav/files/${encodeURIComponent(userId)}/${segments(path)}`;

const uploadUrl = (userId: string, transferId: string, member?: string) =>
  `/remote.php/dav/uploads/${encodeURIComponent(userId)}/${encodeURIComponent(transferId)}${member === undefined ? "" : `/${encodeURIComponent(member)}`}`;

/** The upload folder; the server checks the quota of the destination's tree against `total` now (507). */
export async function startChunkedUpload(userId: string, transferId: string, destination: string, total: number): Promise<void> {
  await expectOk(send("MKCOL", uploadUrl(userId, transferId), { headers: { Destination: destination, "OC-Total-Length": String(total) } }));
}

const CHUNK_PROPS = '<?xml version="1.0"?><d:propfind xmlns:d="DAV:"><d:prop><d:getcontentlength/></d:prop></d:propfind>';

/** Chunks the server holds for an upload, by number, with their sizes; null when the upload is gone (finished, cancelled, expired). */
export async function receivedChunks(userId: string, transferId: string): Promise<Map<number, number> | null> {
  const answer = await send("PROPFIND", uploadUrl(userId, transferId), { body: CHUNK_PROPS, headers: { Depth: "1", "Content-Type": "application/xml" } }).done;
  if (answer.status === 404) return null;
  if (!ok(answer)) throw failureOf(answer);
  const chunks = new Map<number, number>();
  const xml = new DOMParser().parseFromString(answer.text, "application/xml");
  for (const response of Array.from(xml.getElementsByTagNameNS("DAV:", "response"))) {
    const href = response.getElementsByTagNameNS("DAV:", "href")[0]?.textContent ?? "";
    const length = response.getElementsByTagNameNS("DAV:", "getcontentlength")[0]?.textContent;
    const name = decodeURIComponent(href.replace(/\/$/, "").split("/").pop() ?? "");
    if (length && /^\d+$/.test(name)) chunks.set(Number(name), Number(length));
  }
  return chunks;
}

export function putChunk(userId: string, transferId: string, number: number, bytes: Blob, destination: string, onProgress: (sent: number) => void): Sending<Answer> {
  return send("PUT", uploadUrl(userId, transferId, String(number)), { body: bytes, headers: { Destination: destination }, onProgress });
}

/** Joins the chunks into the destination (replacing a file there), keeping the file's own modification time. */
export function finishChunkedUpload(userId: string, transferId: string, destination: string, total: number, mtimeSeconds: number): Sending<Answer> {
  return send("MOVE", uploadUrl(userId, transferId, ".file"), {
    headers: { Destination: destination, "OC-Total-Length": String(total), "X-OC-Mtime": String(mtimeSeconds), Overwrite: "T" },
  });
}

/** Gives an upload up: the server reclaims its chunks. Gone already is fine. */
export async function cancelChunkedUpload(userId: string, transferId: string): Promise<void> {
  const answer = await send("DELETE", uploadUrl(userId, transferId)).done;
  if (!ok(answer) && answer.status !== 404) throw failureOf(answer);
}

/** A file's size over WebDAV, or null when nothing is there: tells whether a MOVE whose answer was lost landed. */
export async function davFileSize(destination: string): Promise<number | null> {
  const answer = await send("PROPFIND", destination, { body: CHUNK_PROPS, headers: { Depth: "0", "Content-Type": "application/xml" } }).done;
  if (answer.status === 404) return null;
  if (!ok(answer)) throw failureOf(answer);
  const length = new DOMParser().parseFromString(answer.text, "application/xml").getElementsByTagNameNS("DAV:", "getcontentlength")[0]?.textContent;
  return length ? Number(length) : null;
}

/** The largest chunk the server takes (capabilities: files.chunked_upload.max_size), when it says. */
export async function chunkMaxSize(): Promise<number | null> {
  const data = await ocs<{ capabilities?: { files?: { chunked_upload?: { max_size?: number } } } }>("GET", "/cloud/capabilities");
  const max = data.capabilities?.files?.chunked_upload?.max_size;
  return typeof max === "number" && max > 0 ? max : null;
}
