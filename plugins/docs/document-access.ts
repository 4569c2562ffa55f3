import type { Context } from "hono";
import type { AppEnv } from "../../workers/http/app-env";
import { badRequest, notFound } from "../../workers/http/errors";
import { resolveNode } from "../../workers/files-api/resolve";
import type { FileNode } from "../../workers/storage/tree";

export const isMarkdownName = (name: string) => name.toLowerCase().endsWith(".md");

/**
 * A document (a `.md` file) by id, through the authorization service: 404 for what the caller may not
 * reach, 403 when they lack `need` (permission bits) on it.
 */
export async function documentFor(c: Context<AppEnv>, fileId: number, need: number): Promise<FileNode> {
  const node = await resolveNode(c, fileId, need);
  if (node.isFolder) throw notFound("No such document");
  if (!isMarkdownName(node.name)) throw badRequest("This file is not a document (.md)", "not_a_document");
  return node;
}
