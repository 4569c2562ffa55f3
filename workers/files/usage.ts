import type { Db } from "../db/client";

/** Bytes a user's own files occupy. Until the file tree exists, nobody stores anything. */
export async function storageUsedBy(_db: Db, _userId: string): Promise<number> {
  return 0;
}
