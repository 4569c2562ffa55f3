import { ApiError, badRequest, conflict, forbidden, notFound } from "../http/errors";
import { leaveMount as leaveSharedMount, renameMount as renameSharedMount } from "../sharing/mount-actions";
import type { ViewLocation } from "../sharing/user-view";
import { nodeById } from "../storage/tree";
import { assertMayChange, assertMayCreateIn, assertMayDelete, assertMayMoveFrom } from "./authorize";
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
  assertMayCreateIn(dav.location);
  await assertUnlocked(dav, [dav.parent]);
  const folder = await dav.files.createFolder(dav.parent, name, ocMtime(dav.c.req.header("X-OC-Mtime")));
  return new Response(null, { status: 201, headers: { "OC-FileId": ocId(folder, await instanceId(dav.db)), "OC-ETag": `"${folder.etag}"` } });
}

/** DELETE answers 204: the desktop client treats 200 as an error. */
export async function handleDelete(dav: Dav): Promise<Response> {
  const node = dav.node;
  if (!node) throw notFound("No such file or folder");
  if (dav.location.isMountRoot) return leaveMount(dav);
  if (node.parentId === null || dav.names.length === 0) throw forbidden("The root folder cannot be deleted");
  assertMayDelete(dav.location);
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

  const target = await dav.view.resolve(targetNames);
  if (move && dav.location.isMountRoot) return renameMount(dav, targetNames, target);
  if (target.isMountRoot) throw forbidden("A shared folder or space cannot be replaced");
  const { node: existing, parent } = target;
  const targetParent = existing ? await nodeById(dav.db, existing.parentId!) : parent;
  if (!targetParent) throw conflict("The destination's parent folder does not exist");
  if (existing?.id === node.id) throw forbidden("Source and destination are the same");
  if (move) assertMayMoveFrom(dav.location, node.parentId === targetParent.id);
  if (existing) assertMayChange(target);
  else assertMayCreateIn(target);
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

/**
 * DELETE of a mount in the asker's root: a received share leaves their tree (Nextcloud's "deleted
 * shares", restorable); the owner's files are untouched. A space stays: its members do not choose it.
 */
async function leaveMount(dav: Dav): Promise<Response> {
  await leaveSharedMount(dav.db, dav.user.id, dav.location.mount!);
  return new Response(null, { status: 204 });
}

/** MOVE of a received share's mount: only a new name in the asker's root, which is theirs to choose. */
async function renameMount(dav: Dav, targetNames: string[], target: ViewLocation): Promise<Response> {
  const mount = dav.location.mount!;
  if (mount.kind === "share" && targetNames.length !== 1) throw forbidden("A shared item stays in the root of your files; it can only be renamed");
  await renameSharedMount(dav.db, dav.user.id, mount, targetNames[0]!, async () => target.node !== undefined);
  return new Response(null, { status: 201, headers: await identityHeaders(dav, mount.node) });
}
