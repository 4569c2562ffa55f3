import { readdirSync, statSync } from "node:fs";
import { join, relative } from "node:path";

/** Relative paths of a folder nextcloudcmd synced, without the client's own journal and log files. */
export function syncedTree(root: string): string[] {
  const out: string[] = [];
  const walk = (dir: string) => {
    for (const name of readdirSync(dir)) {
      if (name.startsWith(".sync_") || name === ".nextcloudsync.log") continue;
      const full = join(dir, name);
      if (statSync(full).isDirectory()) walk(full);
      else out.push(relative(root, full));
    }
  };
  walk(root);
  return out.sort();
}
