import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env";
import { badRequest, forbidden, notFound } from "../http/errors";
import { leaveMount, renameMount } from "../sharing/mount-actions";
import { jsonBody, queryParams } from "../http/validate";
import { readmesOf, readmeText } from "../rich-workspace/service";
import { favoritesUnder, recentFiles, RECENT_LIMIT, searchTree } from "../search/service";
import { splitPath } from "../storage/names";
import { CREATE, DELETE, READ, UPDATE } from "../sharing/permission-bits";
import { childNamed, nodeById, personalRoot, type FileNode } from "../storage/tree";
import { TagService } from "../tags/service";
import { downloadResponse, uploadLength } from "./content";
import { nodesJson, resolveNode, servicesFor } from "./resolve";

const id = (c: Context<AppEnv>) => Number(c.req.param("id"));
const name = z.string().min(1).max(255);
const nodeId = z.number().int().positive();

/**
 * A node, and for a folder its children and its Readme.md text (the rich workspace). The root also
 * lists the spaces and shares mounted in it, under the names they have in the asker's view.
 */
async function nodeDetails(c: Context<AppEnv>, node: FileNode) {
  const services = servicesFor(c);
  const view = await services.view();
  const place = node.id === view.root.id ? { names: [] as string[], mount: undefined } : await view.placeOf(node);
  if (!place) throw notFound("No such file or folder");
  const [json] = await nodesJson(c, [{ node, names: place.names, mount: place.mount }]);
  if (!node.isFolder) return { node: json };
  const [members, readmes, mounts] = await Promise.all([services.files.list(node), readmesOf(c.var.db, [node.id]), place.names.length === 0 ? view.mounts() : []]);
  const readme = readmes.get(node.id);
  const entries = [
    ...members.map((m) => ({ node: m, names: [...place.names, m.name], mount: place.mount })),
    ...mounts.map((m) => ({ node: { ...m.node, name: m.name }, names: [m.name], mount: m })),
  ];
  return {
    node: json,
    children: await nodesJson(c, entries),
    readme: readme ? { id: readme.id, text: await readmeText(services.files, readme) } : null,
  };
}

/** The mount in the asker's root whose own node has this id, if any. */
async function mountRootAt(c: Context<AppEnv>, nodeId: number) {
  return (await (await servicesFor(c).view()).mounts()).find((m) => m.node.id === nodeId);
}

/** Escapes LIKE's wildcards so that a search term is matched as typed. */
const likeTerm = (q: string) => `%${q.replace(/[\\%_]/g, (ch) => `\\${ch}`)}%`;

/**
 * The web UI's JSON files API, over the same FileService as WebDAV; every id goes through
 * fileAccess (resolveNode), so this layer has no permission rules of its own.
 */
export const filesApi = new Hono<AppEnv>()
  .get("/root", async (c) => c.json(await nodeDetails(c, await personalRoot(c.var.db, servicesFor(c).user.id))))
  .get("/by-path", queryParams(z.object({ path: z.string().max(4096) }).strict()), async (c) => {
    const view = await servicesFor(c).view();
    const { node } = await view.resolve(splitPath(c.req.valid("query").path));
    if (!node) throw notFound("No such file or folder");
    return c.json(await nodeDetails(c, await resolveNode(c, node.id, READ)));
  })
  .get("/recent", queryParams(z.object({ limit: z.coerce.number().int().min(1).max(200).default(RECENT_LIMIT) }).strict()), async (c) => {
    const root = await personalRoot(c.var.db, servicesFor(c).user.id);
    return c.json({ files: await nodesJson(c, await recentFiles(c.var.db, root.ownerId, root, c.req.valid("query").limit)) });
  })
  .get("/favorites", async (c) => {
    const root = await personalRoot(c.var.db, servicesFor(c).user.id);
    return c.json({ files: await nodesJson(c, await favoritesUnder(c.var.db, root.ownerId, root)) });
  })
  .get("/search", queryParams(z.object({ q: z.string().trim().min(1).max(200), limit: z.coerce.number().int().min(1).max(200).default(50) }).strict()), async (c) => {
    const { q, limit } = c.req.valid("query");
    const root = await personalRoot(c.var.db, servicesFor(c).user.id);
    const hits = await searchTree(c.var.db, root.ownerId, { scope: root, filter: { op: "like", field: "name", pattern: likeTerm(q) }, order: [{ field: "mtime", descending: true }], limit });
    return c.json({ files: await nodesJson(c, hits) });
  })
  .get("/tagged/:tagId{[0-9]{1,15}}", async (c) => {
    // The tag must be one the asker may see; an invisible one is a 404 like a missing one.
    const tag = await new TagService(c.var.db, servicesFor(c).user).get(Number(c.req.param("tagId")));
    const root = await personalRoot(c.var.db, servicesFor(c).user.id);
    const hits = await searchTree(c.var.db, root.ownerId, { scope: root, filter: { op: "systemtag", tagId: tag.id }, order: [{ field: "name", descending: false }] });
    return c.json({ files: await nodesJson(c, hits) });
  })
  .get("/:id{[0-9]+}", async (c) => c.json(await nodeDetails(c, await resolveNode(c, id(c), READ))))
  .post("/:id{[0-9]+}/folders", jsonBody(z.object({ name }).strict()), async (c) => {
    const parent = await resolveNode(c, id(c), CREATE);
    const folder = await servicesFor(c).files.createFolder(parent, c.req.valid("json").name);
    return c.json({ node: (await nodesJson(c, [{ node: folder }]))[0] }, 201);
  })
  .patch("/:id{[0-9]+}", jsonBody(z.object({ name: name.optional(), parentId: nodeId.optional() }).strict()), async (c) => {
    const body = c.req.valid("json");
    if (body.name === undefined && body.parentId === undefined) throw badRequest("Give a new name, a new parentId, or both", "invalid_input");
    const sameFolder = body.parentId === undefined;
    const mount = await mountRootAt(c, id(c));
    if (mount) {
      // A received share's own node: only its name in the asker's root is theirs to change.
      if (!sameFolder || body.name === undefined) throw forbidden("A shared item or space stays in the root of your files; it can only be renamed");
      const view = await servicesFor(c).view();
      await renameMount(c.var.db, view.user.id, mount, body.name, async (name) => (await view.resolve([name])).node !== undefined);
      return c.json({ node: (await nodesJson(c, [{ node: { ...mount.node, name: body.name }, names: [body.name], mount }]))[0] });
    }
    const node = await resolveNode(c, id(c), sameFolder ? UPDATE : DELETE);
    if (node.parentId === null) throw badRequest("The root folder cannot be renamed or moved", "is_root");
    const target = sameFolder ? node : await resolveNode(c, body.parentId!, CREATE);
    const parent = sameFolder ? await nodeById(c.var.db, node.parentId) : target;
    if (!parent) throw notFound("No such file or folder");
    const moved = await servicesFor(c).files.move(node, parent, body.name ?? node.name, false);
    return c.json({ node: (await nodesJson(c, [{ node: moved.node }]))[0] });
  })
  .post("/:id{[0-9]+}/copy", jsonBody(z.object({ parentId: nodeId, name: name.optional() }).strict()), async (c) => {
    const body = c.req.valid("json");
    const node = await resolveNode(c, id(c), READ);
    const target = await resolveNode(c, body.parentId, CREATE);
    const copied = await servicesFor(c).files.copy(node, target, body.name ?? node.name, false);
    return c.json({ node: (await nodesJson(c, [{ node: copied.node }]))[0] }, 201);
  })
  .delete("/:id{[0-9]+}", async (c) => {
    const mount = await mountRootAt(c, id(c));
    if (mount) {
      await leaveMount(c.var.db, servicesFor(c).user.id, mount);
      return c.body(null, 204);
    }
    await servicesFor(c).files.remove(await resolveNode(c, id(c), DELETE));
    return c.body(null, 204);
  })
  .get("/:id{[0-9]+}/content", queryParams(z.object({ inline: z.enum(["0", "1"]).optional() }).strict()), async (c) =>
    downloadResponse(c, servicesFor(c).files, await resolveNode(c, id(c), READ), c.req.valid("query").inline === "1"),
  )
  .put("/:id{[0-9]+}/content", queryParams(z.object({ name }).strict()), async (c) => {
    const parent = await resolveNode(c, id(c), CREATE);
    if (await childNamed(c.var.db, parent.id, c.req.valid("query").name)) await resolveNode(c, id(c), CREATE | UPDATE);
    const length = uploadLength(c);
    const { node, created } = await servicesFor(c).files.write({ parent, name: c.req.valid("query").name, body: c.req.raw.body, length });
    return c.json({ node: (await nodesJson(c, [{ node }]))[0] }, created ? 201 : 200);
  })
  .put("/:id{[0-9]+}/favorite", async (c) => {
    await servicesFor(c).favorites.set(await resolveNode(c, id(c), READ), true);
    return c.body(null, 204);
  })
  .delete("/:id{[0-9]+}/favorite", async (c) => {
    await servicesFor(c).favorites.set(await resolveNode(c, id(c), READ), false);
    return c.body(null, 204);
  });
