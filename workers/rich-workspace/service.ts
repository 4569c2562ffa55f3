import { sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { idSubquery, isEmptyIdSet, type IdSet } from "../db/id-set";
import { directReader, type Reader } from "../db/read-together";
import type { FileService } from "../storage/service";
import { nodesFromRows, nodesWhere, type FileNode } from "../storage/tree";

/** Nextcloud's "rich workspace": a folder's Readme.md, shown above its listing. */
export const README_NAME = "readme.md";

/** Longer notes are cut: the note is a header above a listing, and reading it must stay cheap. */
export const MAX_README_BYTES = 64 * 1024;

/** The Readme.md file (any letter case) of each of these folders, in one query (ids of files find none). */
export async function readmesOf(db: Db, folderIds: IdSet, read: Reader = directReader(db)): Promise<Map<number, FileNode>> {
  if (isEmptyIdSet(folderIds)) return new Map();
  const rows = nodesFromRows(
    await read<Record<string, unknown>>(nodesWhere(sql`parent_id IN (${idSubquery(folderIds)}) AND lower(name) = ${README_NAME} AND is_folder = 0`)),
  );
  const byFolder = new Map<number, FileNode>();
  // "Readme.md" wins over other spellings, as Nextcloud looks for that name first.
  for (const r of rows.sort((a, b) => Number(b.name === "Readme.md") - Number(a.name === "Readme.md"))) {
    if (!byFolder.has(r.parentId!)) byFolder.set(r.parentId!, r);
  }
  return byFolder;
}

/** The note's text, at most MAX_README_BYTES of it (a multi-byte character cut in two is dropped). */
export async function readmeText(files: FileService, readme: FileNode): Promise<string> {
  const object = await files.read(readme, readme.size > MAX_README_BYTES ? { offset: 0, length: MAX_README_BYTES } : undefined);
  if (!object) return "";
  const text = new TextDecoder().decode(await object.arrayBuffer());
  return readme.size > MAX_README_BYTES ? text.replace(/\uFFFD+$/, "") : text;
}
