import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env";
import { badRequest, notFound } from "../http/errors";
import { jsonBody, queryParams } from "../http/validate";
import { readmesOf, readmeText } from "../rich-workspace/service";
import { favoritesUnder, recentFiles, RECENT_LIMIT, searchTree } from "../search/service";
import { splitPath } from "../storage/names";
import { personalRoot, walk, type FileNode } from "../storage/tree";
import { downloadResponse, uploadLength } from "./content";
import { nodesJson, resolveNode, servicesFor } from "./resolve";

const id = (c: Context<AppEnv>) => Number(c.req.param("id"));
const name = z.string().min(1).max(255);
const nodeId = z.number().int().positive();

/** A node, and for a folder its children and its Readme.md text (the rich workspace). */
async function nodeDetails(c: Context<AppEnv>, node: FileNode) {
  const [json] = await nodesJson(c, [{ node }]);
  if (!node.isFolder) return { node: json };
  const { files } = servicesFor(c);
  const [members, readmes] = await Promise.all([files.list(node), readmesOf(c.var.db, [node.id])]);
  const names = json!.path === "/" ? [] : json!.path.slice(1).split("/");
  const readme = readmes.get(node.id);
  return {
    node: json,
    children: await nodesJson(c, members.map((m) => ({ node: m, names: [...names, m.name] }))),
    readme: readme ? { id: readme.id, text: await readmeText(files, readme) } : null,
  };
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
    const root = await personalRoot(c.var.db, servicesFor(c).user.id);
    const { node } = await walk(c.var.db, root, splitPath(c.req.valid("query").path));
    if (!node) throw notFound("No such file or folder");
    return c.json(await nodeDetails(c, await resolveNode(c, node.id, "read")));
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
  .get("/:id{[0-9]+}", async (c) => c.json(await nodeDetails(c, await resolveNode(c, id(c), "read"))))
  .post("/:id{[0-9]+}/folders", jsonBody(z.object({ name }).strict()), async (c) => {
    const parent = await resolveNode(c, id(c), "write");
    const folder = await servicesFor(c).files.createFolder(parent, c.req.valid("json").name);
    return c.json({ node: (await nodesJson(c, [{ node: folder }]))[0] }, 201);
  })
  .patch("/:id{[0-9]+}", jsonBody(z.object({ name: name.optional(), parentId: nodeId.optional() }).strict()), async (c) => {
    const body = c.req.valid("json");
    if (body.name === undefined && body.parentId === undefined) throw badRequest("Give a new name, a new parentId, or both", "invalid_input");
    const node = await resolveNode(c, id(c), "write");
    if (node.parentId === null) throw badRequest("The root folder cannot be renamed or moved", "is_root");
    const target = await resolveNode(c, body.parentId ?? node.parentId, "write");
    const moved = await servicesFor(c).files.move(node, target, body.name ?? node.name, false);
    return c.json({ node: (await nodesJson(c, [{ node: moved.node }]))[0] });
  })
  .post("/:id{[0-9]+}/copy", jsonBody(z.object({ parentId: nodeId, name: name.optional() }).strict()), async (c) => {
    const body = c.req.valid("json");
    const node = await resolveNode(c, id(c), "read");
    const target = await resolveNode(c, body.parentId, "write");
    const copied = await servicesFor(c).files.copy(node, target, body.name ?? node.name, false);
    return c.json({ node: (await nodesJson(c, [{ node: copied.node }]))[0] }, 201);
  })
  .delete("/:id{[0-9]+}", async (c) => {
    await servicesFor(c).files.remove(await resolveNode(c, id(c), "write"));
    return c.body(null, 204);
  })
  .get("/:id{[0-9]+}/content", async (c) => downloadResponse(c, servicesFor(c).files, await resolveNode(c, id(c), "read")))
  .put("/:id{[0-9]+}/content", queryParams(z.object({ name }).strict()), async (c) => {
    const parent = await resolveNode(c, id(c), "write");
    const length = uploadLength(c);
    const { node, created } = await servicesFor(c).files.write({ parent, name: c.req.valid("query").name, body: c.req.raw.body, length });
    return c.json({ node: (await nodesJson(c, [{ node }]))[0] }, created ? 201 : 200);
  })
  .put("/:id{[0-9]+}/favorite", async (c) => {
    await servicesFor(c).favorites.set(await resolveNode(c, id(c), "read"), true);
    return c.body(null, 204);
  })
  .delete("/:id{[0-9]+}/favorite", async (c) => {
    await servicesFor(c).favorites.set(await resolveNode(c, id(c), "read"), false);
    return c.body(null, 204);
  });
