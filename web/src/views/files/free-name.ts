/**
 * A name not in `taken`, Nextcloud's way: "rapport.pdf" becomes "rapport (2).pdf", then "(3)"…
 * A folder's dots are part of its name.
 */
export function freeName(name: string, taken: ReadonlySet<string>, isFolder = false): string {
  if (!taken.has(name)) return name;
  const dot = isFolder ? -1 : name.lastIndexOf(".");
  const stem = dot > 0 ? name.slice(0, dot) : name;
  const extension = dot > 0 ? name.slice(dot) : "";
  for (let n = 2; ; n++) {
    const candidate = `${stem} (${n})${extension}`;
    if (!taken.has(candidate)) return candidate;
  }
}
