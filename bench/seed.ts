import { execFileSync } from "node:child_process";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { wranglerBin, wranglerEnv } from "../scripts/wrangler-env.mjs";

/**
 * Puts `count` small files in `folder` of a Cumulus instance directly in its local D1, as metadata rows:
 * creating 10,000 files through the protocol would take the bench minutes, and PROPFIND never reads the bytes.
 */
export function seedCumulusFolder(stateDir: string, owner: string, folder: string, count: number): void {
  const parent = `(SELECT n.id FROM file_nodes n JOIN file_nodes r ON n.parent_id = r.id WHERE r.parent_id IS NULL AND r.space_id IS NULL AND r.owner_id = '${owner}' AND n.name = '${folder}')`;
  const sql = `INSERT INTO file_nodes (owner_id, parent_id, name, is_folder, size, mime, etag, mtime, sha1)
    WITH RECURSIVE seq(i) AS (SELECT 0 UNION ALL SELECT i + 1 FROM seq WHERE i < ${count - 1})
    SELECT '${owner}', ${parent}, 'fichier-' || i || '.txt', 0, 10, 'text/plain', lower(hex(randomblob(8))), unixepoch(), lower(hex(randomblob(20))) FROM seq;`;
  execFileSync(process.execPath, [wranglerBin, "d1", "execute", "DB", "--local", "--persist-to", stateDir, "--command", sql], { env: wranglerEnv, stdio: "ignore" });
}

/** The same folder for rclone serve: files written straight to the directory it serves. */
export function seedDiskFolder(root: string, folder: string, count: number): void {
  mkdirSync(join(root, folder), { recursive: true });
  for (let i = 0; i < count; i++) writeFileSync(join(root, folder, `fichier-${i}.txt`), "contenu 10");
}
