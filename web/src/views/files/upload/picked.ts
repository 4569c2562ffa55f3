/** What a person picked or dropped: files with the folders they sit in, and folders that hold nothing. */
export interface Picked {
  files: { file: File; dirs: string[] }[];
  /** Every folder to create, parents before children (empty ones included). */
  folders: string[][];
}

const pathKey = (dirs: readonly string[]) => dirs.join("/");

function withFolders(files: Picked["files"], emptyFolders: string[][] = []): Picked {
  const seen = new Map<string, string[]>();
  const note = (dirs: readonly string[]) => {
    for (let depth = 1; depth <= dirs.length; depth++) {
      const prefix = dirs.slice(0, depth);
      if (!seen.has(pathKey(prefix))) seen.set(pathKey(prefix), prefix);
    }
  };
  for (const { dirs } of files) note(dirs);
  for (const dirs of emptyFolders) note(dirs);
  const folders = [...seen.values()].sort((a, b) => a.length - b.length);
  return { files, folders };
}

/** An <input type="file">'s choice; with `webkitdirectory` each file says where it sits in the picked folder. */
export function fromFileList(list: FileList): Picked {
  return withFolders(
    Array.from(list, (file) => {
      const parts = (file.webkitRelativePath || file.name).split("/").filter((p) => p !== "");
      return { file, dirs: parts.slice(0, -1) };
    }),
  );
}

/** All of a folder's entries: readEntries gives them a batch at a time, until an empty one. */
async function entriesOf(folder: FileSystemDirectoryEntry): Promise<FileSystemEntry[]> {
  const reader = folder.createReader();
  const all: FileSystemEntry[] = [];
  for (;;) {
    const batch = await new Promise<FileSystemEntry[]>((resolve, reject) => reader.readEntries(resolve, reject));
    if (batch.length === 0) return all;
    all.push(...batch);
  }
}

const fileOf = (entry: FileSystemFileEntry) => new Promise<File>((resolve, reject) => entry.file(resolve, reject));
const isFolderEntry = (entry: FileSystemEntry): entry is FileSystemDirectoryEntry => entry.isDirectory;
const isFileEntry = (entry: FileSystemEntry): entry is FileSystemFileEntry => entry.isFile;

/**
 * A drop's files and folders. The entries must be taken during the drop event itself (the browser
 * empties the DataTransfer afterwards); walking them may come later.
 */
export function dropEntries(data: DataTransfer): { entries: FileSystemEntry[]; files: File[] } {
  const entries: FileSystemEntry[] = [];
  for (const item of Array.from(data.items)) {
    if (item.kind !== "file") continue;
    const entry = item.webkitGetAsEntry?.();
    if (entry) entries.push(entry);
  }
  return { entries, files: Array.from(data.files) };
}

/** Walks dropped folders; without entry support (old browsers) the plain files are taken. */
export async function fromDrop({ entries, files }: { entries: FileSystemEntry[]; files: File[] }): Promise<Picked> {
  if (entries.length === 0) return withFolders(files.map((file) => ({ file, dirs: [] })));
  const found: Picked["files"] = [];
  const empty: string[][] = [];
  const walk = async (entry: FileSystemEntry, dirs: string[]): Promise<void> => {
    if (isFileEntry(entry)) {
      found.push({ file: await fileOf(entry), dirs });
    } else if (isFolderEntry(entry)) {
      const inside = [...dirs, entry.name];
      const children = await entriesOf(entry);
      if (children.length === 0) empty.push(inside);
      for (const child of children) await walk(child, inside);
    }
  };
  for (const entry of entries) await walk(entry, []);
  return withFolders(found, empty);
}

/** A drag from the desktop (files), not one of the listing's own rows being moved. */
export const carriesFiles = (data: DataTransfer | null) => !!data && Array.from(data.types).includes("Files");
