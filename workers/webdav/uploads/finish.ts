import { ApiError, badRequest, conflict, forbidden } from "../../http/errors";
import { mimeOf } from "../../storage/mime";
import { nodeById } from "../../storage/tree";
import { expectedSha1 } from "../../storage/upload";
import { assertMayPut } from "../authorize";
import { davContext, type Dav } from "../context";
import { assertUnlocked } from "../guard";
import { identityHeaders } from "../identity";
import { ocMtime } from "../mtime";
import { matches } from "../transfer";
import { assembleChunks } from "./assemble";
import { sameDestination, uploadDestination } from "./destination";
import type { UploadRequest } from "./routes";
import { totalLengthHeader, uploadNamed } from "./staging";
import { chunksOf, discardUpload } from "./store";

/** The conditions a PUT to the destination would meet: locks, If, If-Match and If-None-Match. */
async function assertMayWrite(dav: Dav): Promise<void> {
  if (dav.node?.isFolder) throw new ApiError(405, "is_folder", "A folder has this name");
  if (!dav.node && !dav.parent) throw conflict("The parent folder does not exist");
  assertMayPut(dav.location);
  await assertUnlocked(dav, [dav.node, dav.node ? undefined : dav.parent]);
  const ifMatch = dav.c.req.header("If-Match");
  if (ifMatch && !(dav.node && matches(ifMatch, dav.node.etag))) throw new ApiError(412, "precondition_failed", "The file has changed");
  if (dav.c.req.header("If-None-Match") === "*" && dav.node) throw new ApiError(412, "precondition_failed", "The file exists");
}

/**
 * MOVE of `<upload>/.file`: the chunks become the destination's content. Everything that can refuse
 * the upload is checked before a byte is copied; then the chunks are joined into a new object and
 * committed like a PUT. On failure the old file is untouched and the chunks stay, so the client can
 * resume; on success they are reclaimed.
 */
export async function handleFinish(request: UploadRequest): Promise<Response> {
  const { c, db, user, bucket } = request;
  if (request.member !== ".file") throw forbidden("Only the assembled file (.file) can be moved out of an upload");
  const upload = await uploadNamed(request);
  const destination = uploadDestination(c, user, c.req.header("Destination"));
  if (upload.destination !== null && !sameDestination(destination, uploadDestination(c, user, upload.destination))) {
    throw badRequest("The Destination differs from the one the upload was created with", "destination_mismatch");
  }
  const chunks = await chunksOf(db, upload.id);
  const total = chunks.reduce((sum, chunk) => sum + chunk.size, 0);
  const declared = totalLengthHeader(c.req.header("OC-Total-Length")) ?? upload.totalLength ?? total;
  if (declared !== total || (upload.totalLength !== null && upload.totalLength !== total)) {
    throw badRequest(`The chunks hold ${total} bytes, not the ${declared} announced`, "incomplete_upload");
  }
  const mtime = ocMtime(c.req.header("X-OC-Mtime"));
  const sha1 = expectedSha1(c.req.header("OC-Checksum"));

  const dav = await davContext(c, destination.base, destination.rawRest);
  await assertMayWrite(dav);
  const name = destination.names[destination.names.length - 1]!;
  const parent = dav.node ? await nodeById(db, dav.node.parentId!) : dav.parent;
  if (!parent) throw conflict("The parent folder does not exist");
  await dav.files.assertWritable(parent, name, total);

  const blob = await assembleChunks(bucket, chunks, total, mimeOf(name));
  const { node, created } = await dav.files.commitBlob(parent, name, blob, { mtime, expectedSha1: sha1 });
  // The file is in place; a failed cleanup only leaves staged bytes for the hourly reclaim.
  await discardUpload(db, bucket, upload).catch((error: unknown) => console.warn("chunked upload cleanup failed", error));
  const headers = await identityHeaders(dav, node);
  if (mtime !== undefined) headers["X-OC-MTime"] = "accepted";
  return new Response(null, { status: created ? 201 : 204, headers });
}
