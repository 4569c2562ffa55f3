import type { FileNode } from "../../api/files";
import { kindOf } from "./file-kind";

/** A drawn icon by kind; a folder received or shared gets a mark, as in Nextcloud's listing. */
export function FileIcon({ node, shared }: { node: Pick<FileNode, "name" | "mime" | "isFolder">; shared?: boolean }) {
  const kind = kindOf(node);
  return <span class={`file-icon file-icon-${kind}${shared && kind === "folder" ? " file-icon-shared" : ""}`} aria-hidden="true" />;
}
