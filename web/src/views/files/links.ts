/** A folder's address in Files, slashes kept readable as Nextcloud writes them (/files?dir=/Bureau%20CA). */
export function folderHref(path: string, fileId?: number): string {
  if ((path === "/" || path === "") && fileId === undefined) return "/files";
  const dir = encodeURIComponent(path || "/").replace(/%2F/g, "/");
  return `/files?dir=${dir}${fileId === undefined ? "" : `&fileid=${fileId}`}`;
}

/** "/a/b/c" → ["/a", "/a/b", "/a/b/c"]. */
export function pathSteps(path: string): { name: string; path: string }[] {
  const names = path.split("/").filter(Boolean);
  return names.map((name, i) => ({ name, path: `/${names.slice(0, i + 1).join("/")}` }));
}
