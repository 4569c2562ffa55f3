import { computed, signal } from "@preact/signals";

export type UploadStatus = "queued" | "uploading" | "waiting" | "done" | "failed" | "cancelled" | "skipped";

/** One file of the upload panel. */
export interface UploadItem {
  id: number;
  /** Where it goes, from the folder the upload started in ("Photos/été.jpg"). */
  label: string;
  size: number;
  /** Bytes the server has, or is receiving now. */
  sent: number;
  status: UploadStatus;
  /** Why it failed, in the reader's language. */
  error?: string;
  /** Seconds until the next attempt after a network failure. */
  retryIn?: number;
}

export const uploads = signal<readonly UploadItem[]>([]);

let lastId = 0;
export const nextUploadId = () => ++lastId;

export function addUploads(items: readonly UploadItem[]): void {
  uploads.value = [...uploads.value, ...items];
}

export function patchUpload(id: number, changes: Partial<UploadItem>): void {
  uploads.value = uploads.value.map((item) => (item.id === id ? { ...item, ...changes } : item));
}

const FINISHED: ReadonlySet<UploadStatus> = new Set(["done", "failed", "cancelled", "skipped"]);
export const isFinished = (item: UploadItem) => FINISHED.has(item.status);

/** The panel's totals: what is on its way or landed counts; what was cancelled, skipped or refused does not. */
export const uploadTotals = computed(() => {
  const counted = uploads.value.filter((u) => u.status !== "cancelled" && u.status !== "skipped" && u.status !== "failed");
  return {
    counted: counted.length,
    size: counted.reduce((sum, u) => sum + u.size, 0),
    sent: counted.reduce((sum, u) => sum + Math.min(u.sent, u.size), 0),
    active: uploads.value.filter((u) => !isFinished(u)).length,
    failed: uploads.value.filter((u) => u.status === "failed").length,
    done: uploads.value.filter((u) => u.status === "done").length,
  };
});

/** Clears the finished ones from the panel (it closes when nothing is left). */
export function clearFinished(): void {
  uploads.value = uploads.value.filter((u) => !isFinished(u));
}

export type ConflictChoice = "replace" | "keepBoth" | "skip";

/** A name clash waiting for the person's answer; the panel shows it as a dialog. */
export interface ConflictQuestion {
  name: string;
  isFolder: boolean;
  /** How many more clashes this batch holds, for "do the same for the others". */
  others: number;
  answer: (choice: ConflictChoice, forAll: boolean) => void;
}

export const conflictQuestion = signal<ConflictQuestion | null>(null);

export function askConflict(name: string, isFolder: boolean, others: number): Promise<{ choice: ConflictChoice; forAll: boolean }> {
  return new Promise((resolve) => {
    conflictQuestion.value = {
      name,
      isFolder,
      others,
      answer: (choice, forAll) => {
        conflictQuestion.value = null;
        resolve({ choice, forAll });
      },
    };
  });
}
