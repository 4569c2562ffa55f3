import { instanceId } from "../accounts/instance-secret";
import type { FileNode } from "../storage/tree";
import type { Dav } from "./context";
import { ocId } from "./properties";

/** What clients read after a transfer: the ETag (twice, as Cloudflare may weaken `ETag`) and the file id. */
export async function identityHeaders(dav: Dav, node: FileNode): Promise<Record<string, string>> {
  const quoted = `"${node.etag}"`;
  return { ETag: quoted, "OC-ETag": quoted, "OC-FileId": ocId(node, await instanceId(dav.db)) };
}
