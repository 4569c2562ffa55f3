import type { Context } from "hono";
import { requireAuth } from "../accounts/authenticate";
import type { User } from "../accounts/users";
import type { AppEnv } from "../http/app-env";
import { ApiError, badRequest, notFound } from "../http/errors";
import { multistatus, responseXml, type PropValue } from "../webdav/multistatus";
import { jsonObjectBody, methodNotAllowed, objectPropfind, options, segmentsAfter } from "../webdav/object-properties";
import { DAV_NS, OC_NS, parseXml } from "../webdav/xml";
import { TagService, viewOf, type SystemTag } from "./service";

const TAGS_BASE = "/remote.php/dav/systemtags";
const RELATIONS_BASE = "/remote.php/dav/systemtags-relations";

const bool = (value: boolean) => (value ? "true" : "false");
const oc = (local: string, value: string): PropValue => ({ ns: OC_NS, local, value });
const escape = (text: string) => text.replace(/[<>&"]/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;" })[ch]!);

const collectionProps = (): PropValue[] => [{ ns: DAV_NS, local: "resourcetype", value: "<d:collection/>" }];

function tagProps(tag: SystemTag, user: User): PropValue[] {
  const view = viewOf(tag, user);
  return [
    { ns: DAV_NS, local: "resourcetype", value: "" },
    oc("id", String(view.id)),
    oc("display-name", escape(view.name)),
    oc("user-visible", bool(view.userVisible)),
    oc("user-assignable", bool(view.userAssignable)),
    oc("can-assign", bool(view.canAssign)),
  ];
}

function id(segment: string | undefined): number | undefined {
  return segment !== undefined && /^[0-9]{1,15}$/.test(segment) ? Number(segment) : undefined;
}

const readBool = (value: unknown, field: string): boolean | undefined => {
  if (value === undefined) return undefined;
  if (typeof value === "boolean") return value;
  if (value === "true" || value === "1") return true;
  if (value === "false" || value === "0") return false;
  throw badRequest(`${field} must be a boolean`, "invalid_input");
};

/** The JSON body Nextcloud's clients POST to create a tag; `canAssign` is computed, so it is ignored. */
async function readNewTag(request: Request): Promise<{ name: string; userVisible?: boolean; userAssignable?: boolean }> {
  const body = await jsonObjectBody(request);
  if (typeof body.name !== "string") throw badRequest("name is required", "invalid_input");
  return { name: body.name, userVisible: readBool(body.userVisible, "userVisible"), userAssignable: readBool(body.userAssignable, "userAssignable") };
}

/** `/remote.php/dav/systemtags/`: the tags themselves (Nextcloud's SystemTagsByIdCollection). */
export async function systemTagsDav(c: Context<AppEnv>): Promise<Response> {
  const user = requireAuth(c).user;
  const service = new TagService(c.var.db, user);
  const method = c.req.method.toUpperCase();
  if (method === "OPTIONS") return options("OPTIONS, PROPFIND, POST, PROPPATCH, DELETE");
  const segments = segmentsAfter(c.req.url, TAGS_BASE);
  if (!segments || segments.length > 1) throw notFound();
  const tagHref = (tagId: number) => `${TAGS_BASE}/${tagId}`;

  if (segments.length === 0) {
    if (method === "PROPFIND") {
      return objectPropfind(c.req.raw, { href: `${TAGS_BASE}/`, props: collectionProps() }, async () =>
        (await service.list()).map((t) => ({ href: tagHref(t.id), props: tagProps(t, user) })),
      );
    }
    if (method === "POST") {
      const tag = await service.create(await readNewTag(c.req.raw));
      return new Response(null, { status: 201, headers: { "Content-Location": tagHref(tag.id) } });
    }
    throw methodNotAllowed(method, "OPTIONS, PROPFIND, POST");
  }

  const tagId = id(segments[0]);
  if (tagId === undefined) throw notFound("No such tag");
  if (method === "PROPFIND") {
    const tag = await service.get(tagId);
    return objectPropfind(c.req.raw, { href: tagHref(tag.id), props: tagProps(tag, user) }, async () => []);
  }
  if (method === "DELETE") {
    await service.remove(tagId);
    return new Response(null, { status: 204 });
  }
  if (method === "PROPPATCH") {
    await service.get(tagId);
    const changes = readTagPatch(await c.req.text());
    const tag = await service.update(tagId, changes.values);
    return multistatus([responseXml(tagHref(tag.id), [{ status: 200, props: changes.props }])]);
  }
  throw methodNotAllowed(method, "OPTIONS, PROPFIND, PROPPATCH, DELETE");
}

/** What a PROPPATCH on a tag sets: its name and its two flags; other properties are read-only. */
function readTagPatch(body: string): { values: { name?: string; userVisible?: boolean; userAssignable?: boolean }; props: PropValue[] } {
  const root = parseXml(body);
  if (!root || root.ns !== DAV_NS || root.local !== "propertyupdate") throw badRequest("Expected a DAV:propertyupdate body", "invalid_xml");
  const values: { name?: string; userVisible?: boolean; userAssignable?: boolean } = {};
  const props: PropValue[] = [];
  for (const action of root.children.filter((a) => a.ns === DAV_NS && a.local === "set")) {
    for (const prop of action.children.filter((p) => p.ns === DAV_NS && p.local === "prop")) {
      for (const p of prop.children) {
        props.push({ ns: p.ns, local: p.local, value: "" });
        if (p.ns !== OC_NS) throw new ApiError(403, "read_only_property", `${p.local} cannot be changed on a tag`);
        if (p.local === "display-name") values.name = p.text;
        else if (p.local === "user-visible") values.userVisible = readBool(p.text.trim(), "user-visible");
        else if (p.local === "user-assignable") values.userAssignable = readBool(p.text.trim(), "user-assignable");
        else throw new ApiError(403, "read_only_property", `${p.local} cannot be changed on a tag`);
      }
    }
  }
  return { values, props };
}

/** `/remote.php/dav/systemtags-relations/files/{fileId}[/{tagId}]`: which tags a file has. */
export async function systemTagRelationsDav(c: Context<AppEnv>): Promise<Response> {
  const user = requireAuth(c).user;
  const service = new TagService(c.var.db, user);
  const method = c.req.method.toUpperCase();
  if (method === "OPTIONS") return options("OPTIONS, PROPFIND, POST, PUT, DELETE");
  const segments = segmentsAfter(c.req.url, RELATIONS_BASE);
  if (!segments || segments.length > 3) throw notFound();
  if (segments.length === 0 || (segments.length === 1 && segments[0] === "files")) {
    if (method !== "PROPFIND") throw methodNotAllowed(method, "OPTIONS, PROPFIND");
    const href = segments.length === 0 ? `${RELATIONS_BASE}/` : `${RELATIONS_BASE}/files/`;
    // Listing every file that has tags would reveal other people's files: the collection stays empty.
    return objectPropfind(c.req.raw, { href, props: collectionProps() }, async () => []);
  }
  if (segments[0] !== "files") throw notFound();
  const fileId = id(segments[1]);
  if (fileId === undefined) throw notFound("No such file");
  const fileHref = `${RELATIONS_BASE}/files/${fileId}`;

  if (segments.length === 2) {
    if (method === "POST") {
      // As in Nextcloud: a POST here creates the tag and puts it on the file at once.
      const tag = await service.createOnFile(fileId, await readNewTag(c.req.raw));
      return new Response(null, { status: 201, headers: { "Content-Location": `${fileHref}/${tag.id}` } });
    }
    if (method !== "PROPFIND") throw methodNotAllowed(method, "OPTIONS, PROPFIND, POST");
    const tags = await service.tagsOfFile(fileId);
    return objectPropfind(c.req.raw, { href: `${fileHref}/`, props: collectionProps() }, async () =>
      tags.map((t) => ({ href: `${fileHref}/${t.id}`, props: tagProps(t, user) })),
    );
  }
  const tagId = id(segments[2]);
  if (tagId === undefined) throw notFound("No such tag");
  if (method === "PUT") {
    await service.assign(fileId, tagId);
    return new Response(null, { status: 201 });
  }
  if (method === "DELETE") {
    await service.unassign(fileId, tagId);
    return new Response(null, { status: 204 });
  }
  if (method === "PROPFIND") {
    const tag = (await service.tagsOfFile(fileId)).find((t) => t.id === tagId);
    if (!tag) throw notFound("This tag is not on the file");
    return objectPropfind(c.req.raw, { href: `${fileHref}/${tagId}`, props: tagProps(tag, user) }, async () => []);
  }
  throw methodNotAllowed(method, "OPTIONS, PROPFIND, PUT, DELETE");
}
