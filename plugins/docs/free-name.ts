import { and, eq, sql } from "drizzle-orm";
import { fileNodes } from "../../schema/core";
import type { Db } from "../../workers/db/client";
import { numberedName } from "../../workers/storage/names";
import type { FileNode } from "../../workers/storage/tree";

/**
 * `name`, or "name (2)", "name (3)"… when taken, as Nextcloud keeps both: an import or an inserted
 * picture never replaces a file. One query over the names that could clash.
 */
export async function freeNameIn(db: Db, folder: FileNode, name: string): Promise<string> {
  const dot = name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const rows = await db
    .select({ name: fileNodes.name })
    .from(fileNodes)
    .where(and(eq(fileNodes.parentId, folder.id), sql`instr(${fileNodes.name}, ${stem}) = 1`));
  const taken = new Set(rows.map((r) => r.name));
  if (!taken.has(name)) return name;
  let n = 2;
  while (taken.has(numberedName(name, n))) n++;
  return numberedName(name, n);
}
