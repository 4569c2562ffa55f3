/**
 * Chunked uploads under way, remembered on this browser so that the same file sent again to the same
 * place (after a reload, a crash, a closed tab) resumes where it stopped instead of starting over.
 * The key is what makes it "the same file": destination, size and modification time.
 */
const PREFIX = "cumulus.upload:";
/** The server reclaims an upload nobody touched for a day; a memory older than that is useless. */
const MAX_AGE_MS = 24 * 3600 * 1000;

interface Remembered {
  transferId: string;
  at: number;
}

function storage(): Storage | null {
  try {
    return window.localStorage;
  } catch {
    return null; // private modes: the upload still works, it just cannot resume after a reload
  }
}

const keyOf = (destination: string, file: File) => `${PREFIX}${destination}|${file.size}|${file.lastModified}`;

export function rememberedTransfer(destination: string, file: File): string | null {
  const store = storage();
  if (!store) return null;
  forgetExpired(store);
  try {
    const value = JSON.parse(store.getItem(keyOf(destination, file)) ?? "null") as Remembered | null;
    return value && typeof value.transferId === "string" ? value.transferId : null;
  } catch {
    return null;
  }
}

export function rememberTransfer(destination: string, file: File, transferId: string): void {
  try {
    storage()?.setItem(keyOf(destination, file), JSON.stringify({ transferId, at: Date.now() } satisfies Remembered));
  } catch {
    // A full storage only costs the resume after a reload.
  }
}

export function forgetTransfer(destination: string, file: File): void {
  storage()?.removeItem(keyOf(destination, file));
}

function forgetExpired(store: Storage): void {
  for (let i = store.length - 1; i >= 0; i--) {
    const key = store.key(i);
    if (!key?.startsWith(PREFIX)) continue;
    try {
      const value = JSON.parse(store.getItem(key) ?? "null") as Remembered | null;
      if (!value || Date.now() - value.at > MAX_AGE_MS) store.removeItem(key);
    } catch {
      store.removeItem(key);
    }
  }
}
