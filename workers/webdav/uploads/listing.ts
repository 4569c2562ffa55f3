import { ApiError, notFound } from "../../http/errors";
import { multistatus, responseXml, type PropValue } from "../multistatus";
import { readPropfindBody, type PropRequest } from "../prop-request";
import { DAV_NS, escapeXml } from "../xml";
import type { UploadRequest } from "./routes";
import { chunkEtag, chunksOf, findUpload, uploadsOf, type ChunkedUpload, type UploadChunk } from "./store";

const httpDate = (seconds: number) => new Date(seconds * 1000).toUTCString();

function folderProps(upload: ChunkedUpload | undefined): PropValue[] {
  const props: PropValue[] = [{ ns: DAV_NS, local: "resourcetype", value: "<d:collection/>" }];
  if (upload) props.push({ ns: DAV_NS, local: "getlastmodified", value: httpDate(upload.createdAt) });
  return props;
}

function chunkProps(chunk: UploadChunk): PropValue[] {
  return [
    { ns: DAV_NS, local: "resourcetype", value: "" },
    { ns: DAV_NS, local: "getcontentlength", value: String(chunk.size) },
    { ns: DAV_NS, local: "getetag", value: escapeXml(chunkEtag(chunk.blobKey)) },
    { ns: DAV_NS, local: "getlastmodified", value: httpDate(chunk.createdAt) },
  ];
}

/** What was asked for among what an upload folder or chunk has; the rest is a 404 propstat. */
function response(href: string, props: PropValue[], request: PropRequest): string {
  if (request.kind === "propname") return responseXml(href, [{ status: 200, props: props.map((p) => ({ ...p, value: "" })) }]);
  if (request.kind === "allprop") return responseXml(href, [{ status: 200, props }]);
  const found: PropValue[] = [];
  const missing: PropValue[] = [];
  for (const wanted of request.props) {
    const prop = props.find((p) => p.ns === wanted.ns && p.local === wanted.local);
    if (prop) found.push(prop);
    else missing.push({ ns: wanted.ns, local: wanted.local, value: "" });
  }
  return responseXml(href, [
    { status: 200, props: found },
    { status: 404, props: missing },
  ]);
}

/**
 * PROPFIND on the uploads: a client resuming an upload lists its folder (Depth 1) and sends only
 * the chunks that are not there, or not of the size it expects.
 */
export async function handleUploadPropfind(request: UploadRequest): Promise<Response> {
  const { c, db, user, base, transferId, member } = request;
  const depth = c.req.header("Depth") ?? "1";
  if (depth !== "0" && depth !== "1") throw new ApiError(403, "propfind_finite_depth", "Depth infinity is not supported; use 0 or 1");
  const props = readPropfindBody(await c.req.text());
  const folderHref = (id: string) => `${base}/${encodeURIComponent(id)}/`;
  if (!transferId) {
    const uploads = depth === "1" ? await uploadsOf(db, user.id) : [];
    return multistatus([response(`${base}/`, folderProps(undefined), props), ...uploads.map((u) => response(folderHref(u.transferId), folderProps(u), props))]);
  }
  const upload = await findUpload(db, user.id, transferId);
  if (!upload) throw notFound("No such upload");
  const chunks = member !== undefined || depth === "1" ? await chunksOf(db, upload.id) : [];
  const chunkResponse = (chunk: UploadChunk) => response(`${folderHref(transferId)}${encodeURIComponent(chunk.name)}`, chunkProps(chunk), props);
  if (member !== undefined) {
    const chunk = chunks.find((ch) => ch.name === member);
    if (!chunk) throw notFound("No such chunk");
    return multistatus([chunkResponse(chunk)]);
  }
  return multistatus([response(folderHref(transferId), folderProps(upload), props), ...chunks.map(chunkResponse)]);
}
