import { Hono, type Context } from "hono";
import { requireAuth } from "../../accounts/authenticate";
import type { AppEnv } from "../../http/app-env";
import { ApiError, badRequest, forbidden, notFound } from "../../http/errors";
import { fileAccess } from "../../storage/access";
import type { FileNode } from "../../storage/tree";
import { dropVersions, setVersionLabel, versionsOf, type FileVersion } from "../../storage/versions";
import { fileServiceFor } from "../context";
import { multistatus, responseXml } from "../multistatus";
import { hrefOf, namesFromRawPath } from "../paths";
import { readPropfindBody } from "../prop-request";
import { propertyKey } from "../properties";
import { DAV_NS, escapeXml, NC_NS, parseXml } from "../xml";
import { collectionProps, httpDate, propResponse, type PropMap } from "./props";
import { davOptions, restOfPath, streamBlob } from "./shared";

const MAX_LABEL_LENGTH = 250;

/**
 * Nextcloud's versions over WebDAV: `/remote.php/dav/versions/{user}/versions/{fileid}/` lists a
 * file's earlier contents named by their timestamp; GET downloads one, MOVE to `…/restore/target`
 * makes it the content again, PROPPATCH sets nc:version-label, DELETE drops it.
 */
export const versionRoutes = new Hono<AppEnv>()
  .all("/remote.php/dav/versions/:user{[^/]+}/*", (c) => serveVersions(c))
  .all("/remote.php/dav/versions/:user{[^/]+}", (c) => serveVersions(c));

/** Nextcloud names a version by its timestamp; two with the same one are told apart by their id. */
export function versionName(version: FileVersion, all: readonly FileVersion[]): string {
  const clash = all.some((v) => v.id !== version.id && v.mtime === version.mtime);
  return clash ? `${version.mtime}-${version.id}` : String(version.mtime);
}

async function serveVersions(c: Context<AppEnv>): Promise<Response> {
  const user = requireAuth(c).user;
  if (c.req.param("user") !== user.id) throw forbidden("These are not your versions");
  const base = `/remote.php/dav/versions/${encodeURIComponent(user.id)}`;
  const method = c.req.method.toUpperCase();
  if (method === "OPTIONS") return davOptions("OPTIONS, GET, HEAD, DELETE, PROPFIND, PROPPATCH, MOVE");
  const names = namesFromRawPath(restOfPath(c, 4));
  const [section, fileId, versionId, ...rest] = names;
  if (rest.length || (section !== undefined && section !== "versions" && section !== "restore")) throw notFound("No such version folder");

  let node: FileNode | undefined;
  let writable = false;
  let versions: FileVersion[] = [];
  let version: FileVersion | undefined;
  if (section === "versions" && fileId !== undefined) {
    const id = /^\d{1,15}$/.test(fileId) ? Number(fileId) : NaN;
    const access = Number.isSafeInteger(id) ? await fileAccess(c.var.db, user.id, id) : null;
    // A file one may not read answers as if it did not exist.
    if (!access || access.node.isFolder) throw notFound("No such file");
    node = access.node;
    writable = access.access === "write";
    versions = await versionsOf(c.var.db, node.id);
    if (versionId !== undefined) {
      version = versions.find((v) => versionName(v, versions) === versionId);
      if (!version) throw notFound("No such version");
    }
  }

  switch (method) {
    case "PROPFIND": {
      const depth = c.req.header("Depth") ?? "1";
      if (depth !== "0" && depth !== "1") throw new ApiError(403, "propfind_finite_depth", "Depth infinity is not supported; use 0 or 1");
      const request = readPropfindBody(await c.req.text());
      if (node && version) return multistatus([propResponse(hrefOf(base, names, false), versionProps(node, version), request)]);
      const responses = [propResponse(hrefOf(base, names, true), collectionProps(node ? String(node.id) : section), request)];
      if (depth === "1" && node) {
        for (const v of versions) responses.push(propResponse(hrefOf(base, ["versions", String(node.id), versionName(v, versions)], false), versionProps(node, v), request));
      }
      if (depth === "1" && section === undefined) {
        for (const s of ["versions", "restore"]) responses.push(propResponse(hrefOf(base, [s], true), collectionProps(s), request));
      }
      return multistatus(responses);
    }
    case "GET":
    case "HEAD": {
      if (!node || !version) throw new ApiError(405, "method_not_allowed", "Only a version can be downloaded");
      return streamBlob(c, { key: version.blobKey, size: version.size, mime: node.mime, etag: version.etag, mtime: version.mtime, name: node.name }, method === "HEAD");
    }
    case "MOVE": {
      if (!node || !version) throw forbidden("Only a version can be restored");
      if (!writable) throw forbidden("You may not change this file");
      const destination = c.req.header("Destination");
      if (!destination) throw badRequest("A Destination header is required", "missing_destination");
      let path: string;
      try {
        path = new URL(destination, c.req.url).pathname;
      } catch {
        throw badRequest("Invalid URL in header", "invalid_url");
      }
      if (path.replace(/\/{2,}/g, "/").replace(/\/$/, "") !== `${base}/restore/target`) throw new ApiError(502, "bad_gateway", "Versions can only be moved to restore/target");
      await fileServiceFor(c).restoreVersion(node, version);
      return new Response(null, { status: 201 });
    }
    case "PROPPATCH": {
      if (!node || !version) throw forbidden("Only a version has properties to change");
      if (!writable) throw forbidden("You may not change this file");
      const label = readLabelUpdate(await c.req.text());
      await setVersionLabel(c.var.db, version, label);
      return multistatus([responseXml(hrefOf(base, names, false), [{ status: 200, props: [{ ns: NC_NS, local: "version-label", value: "" }] }])]);
    }
    case "DELETE": {
      if (!node || !version) throw forbidden("Only a version can be deleted");
      if (!writable) throw forbidden("You may not change this file");
      await dropVersions(c.var.db, c.env.FILES, [version]);
      return new Response(null, { status: 204 });
    }
    default:
      throw new ApiError(405, "method_not_allowed", `${method} is not supported for versions`);
  }
}

function versionProps(node: FileNode, v: FileVersion): PropMap {
  const props: PropMap = new Map([
    [propertyKey(DAV_NS, "resourcetype"), ""],
    [propertyKey(DAV_NS, "getcontentlength"), String(v.size)],
    [propertyKey(DAV_NS, "getcontenttype"), escapeXml(node.mime)],
    [propertyKey(DAV_NS, "getlastmodified"), httpDate(v.mtime)],
    [propertyKey(DAV_NS, "getetag"), `&quot;${v.etag}&quot;`],
    [propertyKey(DAV_NS, "displayname"), escapeXml(node.name)],
    [propertyKey(NC_NS, "version-label"), escapeXml(v.label ?? "")],
    [propertyKey(NC_NS, "has-preview"), "false"],
  ]);
  if (v.authorId) props.set(propertyKey(NC_NS, "version-author"), escapeXml(v.authorId));
  return props;
}

/** The label a PROPPATCH sets (or null when it removes it); only nc:version-label may change. */
function readLabelUpdate(body: string): string | null {
  const root = parseXml(body);
  if (!root || root.ns !== DAV_NS || root.local !== "propertyupdate") throw badRequest("Expected a DAV:propertyupdate body", "invalid_xml");
  let label: string | null | undefined;
  for (const action of root.children) {
    if (action.ns !== DAV_NS || (action.local !== "set" && action.local !== "remove")) continue;
    for (const prop of action.children.filter((p) => p.ns === DAV_NS && p.local === "prop")) {
      for (const p of prop.children) {
        if (p.ns !== NC_NS || p.local !== "version-label") throw forbidden("Only nc:version-label can be set on a version");
        label = action.local === "set" ? p.text.trim() || null : null;
      }
    }
  }
  if (label === undefined) throw badRequest("Nothing to change", "invalid_xml");
  if (label !== null && label.length > MAX_LABEL_LENGTH) throw badRequest(`A label holds at most ${MAX_LABEL_LENGTH} characters`, "label_too_long");
  return label;
}
