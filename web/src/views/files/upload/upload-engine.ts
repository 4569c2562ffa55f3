import { createFolder, nodeDetails, type FileNode } from "../../../api/files";
import { ApiFailure } from "../../../api/http";
import { Aborted, chunkMaxSize, davFileUrl, NetworkFailure, putFile } from "../../../api/uploads";
import { t } from "../../../i18n";
import { me, refreshAccount } from "../../../state/session";
import { describeError } from "../../../ui/errors";
import { freeName } from "../free-name";
import { refreshListing } from "../state";
import { uploadChunked } from "./chunked-upload";
import type { Picked } from "./picked";
import { backoffSeconds, isTransient, MAX_RETRIES, TransferControl } from "./transfer-control";
import { addUploads, askConflict, nextUploadId, patchUpload, uploads, type ConflictChoice } from "./upload-state";

/** Files up to this size go in one request; larger ones in chunks of this size (Nextcloud's 10 MB), resumable. */
export const SMALL_FILE_MAX = 10 * 1024 * 1024;
const CHUNK_SIZE = 10 * 1024 * 1024;
/** Files sent at once: enough to fill a link with small files, few enough not to starve each other. */
const PARALLEL = 3;

interface Job {
  id: number;
  file: File;
  dirs: string[];
  control: TransferControl;
}

interface Placed extends Job {
  folder: FileNode;
  name: string;
}

const controls = new Map<number, TransferControl>();

/** Stops an upload: the request under way is aborted and a chunked upload's folder deleted; a queued one never starts. */
export function cancelUpload(id: number): void {
  const control = controls.get(id);
  control?.cancel();
  const item = uploads.value.find((u) => u.id === id);
  if (item && (item.status === "queued" || item.status === "waiting")) patchUpload(id, { status: "cancelled", retryIn: undefined });
}

export function cancelAllUploads(): void {
  for (const id of controls.keys()) cancelUpload(id);
}

/** What a failure means to the person: "Espace insuffisant" for a full quota, the usual sentences otherwise. */
function messageOf(error: unknown): string {
  if (error instanceof ApiFailure && error.status === 507) return t("upload.noSpace");
  if (error instanceof ApiFailure && error.status === 413) return t("upload.tooLarge");
  if (error instanceof NetworkFailure) return t("upload.network");
  return describeError(error);
}

let chunkSize: Promise<number> | undefined;
/** Our chunk size, under the server's advertised maximum. */
const chunkSizeFor = () =>
  (chunkSize ??= chunkMaxSize()
    .then((max) => Math.min(CHUNK_SIZE, max ?? CHUNK_SIZE))
    .catch(() => CHUNK_SIZE));

/** Folder listings by id, fetched once per batch; names given out in this batch count as taken. */
class Listings {
  private readonly byId = new Map<number, Promise<Map<string, FileNode>>>();

  of(folder: FileNode): Promise<Map<string, FileNode>> {
    let listing = this.byId.get(folder.id);
    if (!listing) {
      listing = nodeDetails(folder.id).then((details) => new Map(("children" in details ? details.children : []).map((c) => [c.name, c])));
      this.byId.set(folder.id, listing);
    }
    return listing;
  }

  /** A folder made by this batch: known to be empty. */
  fresh(folder: FileNode): void {
    this.byId.set(folder.id, Promise.resolve(new Map()));
  }

  async add(folder: FileNode, node: FileNode): Promise<void> {
    (await this.of(folder)).set(node.name, node);
  }

  private readonly reserved = new Map<number, Set<string>>();

  /** A name this batch will write in the folder: "keep both" must not pick it for another file. */
  reserve(folder: FileNode, name: string): void {
    const names = this.reserved.get(folder.id) ?? new Set<string>();
    this.reserved.set(folder.id, names.add(name));
  }

  async taken(folder: FileNode): Promise<Set<string>> {
    return new Set([...(await this.of(folder)).keys(), ...(this.reserved.get(folder.id) ?? [])]);
  }
}

const keyOf = (dirs: readonly string[]) => dirs.join("/");

/**
 * Makes the picked folders, parents first: one that exists already is filled (as a desktop merges),
 * a file in the way makes it "Photos (2)". A folder that cannot be made fails the files inside it.
 */
async function placeFolders(root: FileNode, folders: readonly string[][], listings: Listings): Promise<Map<string, FileNode | Error>> {
  const placed = new Map<string, FileNode | Error>([["", root]]);
  for (const dirs of folders) {
    const parent = placed.get(keyOf(dirs.slice(0, -1)));
    const name = dirs[dirs.length - 1]!;
    if (!parent || parent instanceof Error) {
      placed.set(keyOf(dirs), parent ?? new Error("no parent"));
      continue;
    }
    try {
      const listing = await listings.of(parent);
      const existing = listing.get(name);
      if (existing?.isFolder) {
        placed.set(keyOf(dirs), existing);
        continue;
      }
      const created = await createFolder(parent.id, existing ? freeName(name, await listings.taken(parent), true) : name);
      await listings.add(parent, created);
      listings.fresh(created);
      placed.set(keyOf(dirs), created);
    } catch (error) {
      placed.set(keyOf(dirs), error instanceof Error ? error : new Error(String(error)));
    }
  }
  return placed;
}

/** Each file's folder and name, asking about every name already taken (replace, keep both, skip) unless told "for all". */
async function placeFiles(jobs: readonly Job[], folders: Map<string, FileNode | Error>, listings: Listings): Promise<Placed[]> {
  const clashes = new Set<number>();
  for (const job of jobs) {
    const folder = folders.get(keyOf(job.dirs));
    if (folder && !(folder instanceof Error) && (await listings.of(folder)).has(job.file.name)) clashes.add(job.id);
  }
  let always: ConflictChoice | null = null;
  const placed: Placed[] = [];
  for (const job of jobs) {
    const folder = folders.get(keyOf(job.dirs));
    if (!folder || folder instanceof Error) {
      patchUpload(job.id, { status: "failed", error: messageOf(folder) });
      continue;
    }
    if (job.control.cancelled) continue;
    const listing = await listings.of(folder);
    const existing = listing.get(job.file.name);
    let name = job.file.name;
    if (existing) {
      clashes.delete(job.id);
      let choice: ConflictChoice | null = always;
      if (!choice) {
        const answer = await askConflict(name, existing.isFolder, clashes.size);
        choice = answer.choice;
        if (answer.forAll) always = choice;
      }
      if (choice === "skip") {
        patchUpload(job.id, { status: "skipped" });
        continue;
      }
      // A folder cannot be replaced by a file: both are kept.
      if (choice === "keepBoth" || existing.isFolder) name = freeName(name, await listings.taken(folder));
    }
    listings.reserve(folder, name);
    if (name !== job.file.name) patchUpload(job.id, { label: [...job.dirs, name].join("/") });
    placed.push({ ...job, folder, name });
  }
  return placed;
}

async function uploadSmall(job: Placed): Promise<void> {
  let failures = 0;
  for (;;) {
    job.control.check();
    try {
      await job.control.run(putFile(job.folder.id, job.name, job.file, (sent) => patchUpload(job.id, { sent })));
      return;
    } catch (error) {
      if (!isTransient(error) || ++failures > MAX_RETRIES) throw error;
      patchUpload(job.id, { sent: 0 });
      await job.control.pause(backoffSeconds(failures), (left) => patchUpload(job.id, { status: "waiting", retryIn: left }));
      patchUpload(job.id, { status: "uploading", retryIn: undefined });
    }
  }
}

async function uploadOne(userId: string, job: Placed, landed: () => void): Promise<void> {
  if (job.control.cancelled) return;
  patchUpload(job.id, { status: "uploading" });
  try {
    if (job.file.size <= SMALL_FILE_MAX) {
      await uploadSmall(job);
    } else {
      await uploadChunked({
        userId,
        file: job.file,
        destination: davFileUrl(userId, `${job.folder.path}/${job.name}`),
        chunkSize: await chunkSizeFor(),
        control: job.control,
        onProgress: (sent) => patchUpload(job.id, { sent }),
        onWaiting: (left) => patchUpload(job.id, left === null ? { status: "uploading", retryIn: undefined } : { status: "waiting", retryIn: left }),
      });
    }
    patchUpload(job.id, { status: "done", sent: job.file.size, retryIn: undefined });
    landed();
  } catch (error) {
    if (error instanceof Aborted || job.control.cancelled) patchUpload(job.id, { status: "cancelled", retryIn: undefined });
    else patchUpload(job.id, { status: "failed", error: messageOf(error), retryIn: undefined });
  }
}

async function inPool<T>(items: readonly T[], size: number, run: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  const worker = async () => {
    while (next < items.length) await run(items[next++]!);
  };
  await Promise.all(Array.from({ length: Math.min(size, items.length) }, worker));
}

/** Refreshes the listing as files land, at most every 1.5 s, so a hundred small files do not reload it a hundred times. */
function throttledRefresh(): { soon: () => void; now: () => void } {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const now = () => {
    clearTimeout(timer);
    timer = undefined;
    refreshListing();
  };
  return { soon: () => void (timer ??= setTimeout(now, 1500)), now };
}

/**
 * Uploads what was picked or dropped into `folder`: folders first, then the name clashes are asked
 * about, then the files go, a few at a time, each shown in the upload panel. The listing and the
 * quota are refreshed as they land.
 */
export async function uploadInto(folder: FileNode, picked: Picked): Promise<void> {
  const user = me.value;
  if (!user || (picked.files.length === 0 && picked.folders.length === 0)) return;
  const jobs: Job[] = picked.files.map(({ file, dirs }) => ({ id: nextUploadId(), file, dirs, control: new TransferControl() }));
  addUploads(jobs.map((job) => ({ id: job.id, label: [...job.dirs, job.file.name].join("/"), size: job.file.size, sent: 0, status: "queued" as const })));
  for (const job of jobs) controls.set(job.id, job.control);
  const refresh = throttledRefresh();
  try {
    const listings = new Listings();
    const folders = await placeFolders(folder, picked.folders, listings);
    if (picked.folders.length) refresh.soon();
    const placed = await placeFiles(jobs, folders, listings);
    await inPool(placed, PARALLEL, (job) => uploadOne(user.id, job, refresh.soon));
  } catch (error) {
    // The folder could not be read or changed: every file still waiting fails with the reason.
    for (const job of jobs) {
      const item = uploads.value.find((u) => u.id === job.id);
      if (item?.status === "queued") patchUpload(job.id, { status: "failed", error: messageOf(error) });
    }
  } finally {
    for (const job of jobs) controls.delete(job.id);
    refresh.now();
    void refreshAccount();
  }
}
