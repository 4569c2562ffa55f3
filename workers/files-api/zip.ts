import { makeZip } from "client-zip";
import { liveNodeById } from "../storage/live-node";
import type { FileService } from "../storage/service";
import type { FileNode } from "../storage/tree";

/** RFC 5987, as a file's download names itself: any name survives, accents and quotes included. */
const contentDisposition = (name: string) => `attachment; filename*=UTF-8''${encodeURIComponent(name)}`;

/** A top-level entry of an archive: a node and the name it has there (a mount's name in the asker's root, say). */
export interface ZipMember {
  node: FileNode;
  name: string;
}

/** Where an archive's tree comes from: a folder's members as the asker sees them, and the file service that reads bytes. */
export interface ZipSource {
  children(folder: FileNode): Promise<FileNode[]>;
  files: FileService;
}

/** What client-zip takes for one entry: a folder has no input, a file a stream (or nothing when empty). */
interface ZipInput {
  name: string;
  lastModified: Date;
  input?: ReadableStream<Uint8Array> | string;
}

/**
 * A name as one path segment of an archive: unzip tools treat "/" and "\" as separators and "." or ".."
 * as steps, so any of them in a name could place a file outside the folder it is extracted to.
 */
export function zipSegment(name: string): string {
  const cleaned = name.replace(/[/\\]/g, "_").replace(/[\u0000-\u001f\u007f]/g, "");
  return cleaned === "" || cleaned === "." || cleaned === ".." ? "_" : cleaned;
}

/**
 * A file's bytes at the moment the archive reaches it. The listing may be older than the content:
 * when its object is gone (replaced, then its version expired), the live node's is read instead,
 * and a file deleted meanwhile is left out (undefined).
 */
async function bytesOf(files: FileService, node: FileNode): Promise<ReadableStream<Uint8Array> | string | undefined> {
  if (!node.blobKey) return "";
  const object = await files.read(node);
  if (object) return object.body;
  const live = await liveNodeById(files.db, node.id);
  if (!live || live.isFolder) return undefined;
  if (!live.blobKey) return "";
  const now = await files.read(live);
  if (!now) throw new Error(`The content of file ${node.id} is missing`);
  return now.body;
}

/**
 * The archive's entries, depth first, each folder before what it holds. Folders are listed as the
 * archive reaches them and each file is opened only when its turn comes, so memory holds one folder
 * listing per level and one file's stream, whatever the tree's size.
 */
async function* zipEntries(source: ZipSource, members: readonly ZipMember[]): AsyncGenerator<ZipInput> {
  const pending: { node: FileNode; path: string }[] = members.map((m) => ({ node: m.node, path: zipSegment(m.name) })).reverse();
  for (let next = pending.pop(); next; next = pending.pop()) {
    const { node, path } = next;
    const lastModified = new Date(node.mtime * 1000);
    if (node.isFolder) {
      yield { name: `${path}/`, lastModified };
      const children = await source.children(node);
      for (let i = children.length - 1; i >= 0; i--) pending.push({ node: children[i]!, path: `${path}/${zipSegment(children[i]!.name)}` });
      continue;
    }
    const input = await bytesOf(source.files, node);
    if (input !== undefined) yield { name: path, lastModified, input };
  }
}

/**
 * A zip of `members` (and everything below the folders among them), streamed as it is made: stored,
 * not compressed (most files people share are compressed already, and CPU time is what a Worker
 * counts), zip64 past 4 GiB, names in UTF-8. Nothing is read before the client asks for bytes; a HEAD
 * gets the headers alone.
 */
export function zipResponse(source: ZipSource, members: readonly ZipMember[], archiveName: string, head = false): Response {
  const headers = {
    "Content-Type": "application/zip",
    "Content-Disposition": contentDisposition(`${archiveName}.zip`),
    "Cache-Control": "private, no-cache",
  };
  if (head) return new Response(null, { status: 200, headers });
  return new Response(makeZip(zipEntries(source, members)), { status: 200, headers });
}
