import { ApiError, badRequest, conflict, forbidden, notFound } from "../http/errors";
import { nodeById, walk } from "../storage/tree";
import type { Dav } from "./context";
import { assertUnlocked } from "./guard";
import { ocMtime } from "./mtime";
import { identityHeaders } from "./identity";
import { ocId } from "./properties";
import { instanceId } from "../accounts/instance-secret";

/** MKCOL: 201; 405 when something exists; 415 with a body (no extended MKCOL); 409 without a parent. */
export async function handleMkcol(dav: Dav): Promise<Response> {
  if ((await dav.c.req.text()).length > 0) throw new ApiError(415, "unsupported_media_type", "MKCOL with a body is not supported");
  if (dav.node) throw new ApiError(405, "exists", "Something with this name already exists");
  const name = dav.names[dav.names.length - 1];
  if (!name || !dav.parent) throw conflict("The parent folder does not exist");
  await assertUnlocked(dav, [dav.parent]);
  const folder = await dav.files.createFolder(dav.parent, name, ocMtime(dav.c.req.header("X-OC-Mtime")));
  return new Response(null, { status: 201, headers: { "OC-FileId": ocId(folder, await instanceId(dav.db)), "OC-ETag": `"${folder.etag}"` } });
}

/** DELETE answers 204: the desktop client treats 200 as an error. */
export async function handleDelete(dav: Dav): Promise<Response> {
  const node = dav.node;
  if (!node) throw notFound("No such file or folder");
  if (node.parentId === null) throw forbidden("The root folder cannot be deleted");
  await assertUnlocked(dav, [node, (await nodeById(dav.db, node.parentId)) ?? undefined], { subtree: node });
  await dav.files.remove(node);
  return new Response(null, { status: 204 });
}

/** COPY and MOVE, with Destination (URL or path), Overwrite and Depth. */
export async function handleCopyMove(dav: Dav, move: boolean): Promise<Response> {
  const node = dav.node;
  if (!node) throw notFound("No such file or folder");
  const destination = dav.c.req.header("Destination");
  if (!destination) throw badRequest("A Destination header is required", "missing_destination");
  const targetNames = dav.namesOfUrl(destination);
  if (!targetNames) throw new ApiError(502, "bad_gateway", "The destination is on another server or tree");
  const name = targetNames[targetNames.length - 1];
  if (!name) throw forbidden("The destination cannot be the root folder");
  const overwriteHeader = (dav.c.req.header("Overwrite") ?? "T").toUpperCase();
  if (overwriteHeader !== "T" && overwriteHeader !== "F") throw badRequest("Overwrite must be T or F", "invalid_overwrite");
  const depth = dav.c.req.header("Depth") ?? "infinity";
  if (move && node.isFolder && depth !== "infinity") throw badRequest("MOVE of a folder needs Depth infinity", "invalid_depth");
  if (depth !== "0" && depth !== "infinity") throw badRequest("Depth must be 0 or infinity", "invalid_depth");

  const { node: existing, parent } = await walk(dav.db, dav.root, targetNames);
  const targetParent = existing ? await nodeById(dav.db, existing.parentId!) : parent;
  if (!targetParent) throw conflict("The destination's parent folder does not exist");
  if (existing?.id === node.id) throw forbidden("Source and destination are the same");
  const sourceParent = node.parentId === null ? undefined : await nodeById(dav.db, node.parentId);
  await assertUnlocked(dav, move ? [node, sourceParent, targetParent, existing] : [targetParent, existing], move ? { subtree: node } : {});

  const result = move
    ? await dav.files.move(node, targetParent, name, overwriteHeader === "T")
    : await dav.files.copy(node, targetParent, name, overwriteHeader === "T", depth === "infinity");
  return new Response(null, {
    status: result.replaced ? 204 : 201,
    headers: await identityHeaders(dav, result.node),
  });
}
