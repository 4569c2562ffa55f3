import { execFile } from "node:child_process";
import { existsSync } from "node:fs";
import { mkdirSync, writeFileSync } from "node:fs";
import { join } from "node:path";
import { promisify } from "node:util";

export const run = promisify(execFile);

/**
 * Real clients are Debian packages. Without one, a test cannot say anything: under CI that is a failure
 * (CI installs them), on a developer's machine the test is skipped with the package to install.
 */
export function requireTool(binary: string, debianPackage: string): boolean {
  const found = ["/usr/bin", "/usr/local/bin", "/bin"].some((dir) => existsSync(join(dir, binary)));
  if (!found && process.env.CI) throw new Error(`${binary} is missing: apt-get install ${debianPackage}`);
  if (!found) console.warn(`skipping: ${binary} is not installed (apt-get install ${debianPackage})`);
  return found;
}

/** File names that break naive servers: accents, spaces, URL specials, emoji, and both Unicode forms. */
export const AWKWARD_NAMES = [
  "Compte rendu AG.md",
  "Adhésions-postales.xlsx",
  "le cloud #1 & 100% + plus.txt",
  "🎉 fête de quartier.txt",
  "Re\u0301union-nfd.txt",
  "R\u00e9sum\u00e9-nfc.txt",
];

/** Writes a small tree of awkwardly named files and returns their relative paths. */
export function writeAwkwardTree(root: string): string[] {
  const written: string[] = [];
  mkdirSync(join(root, "2021-2022", "ASSEMBLEE GENERALE"), { recursive: true });
  for (const [i, name] of AWKWARD_NAMES.entries()) {
    const rel = i % 2 ? join("2021-2022", "ASSEMBLEE GENERALE", name) : name;
    writeFileSync(join(root, rel), `contenu ${i} : ${name}\n`.repeat(10 + i));
    written.push(rel);
  }
  return written;
}
