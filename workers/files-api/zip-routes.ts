import { Hono, type Context } from "hono";
import { z } from "zod";
import type { AppEnv } from "../http/app-env";
import { badRequest } from "../http/errors";
import { queryParams } from "../http/validate";
import { READ } from "../sharing/permission-bits";
import type { FileNode } from "../storage/tree";
import { resolveNode, servicesFor } from "./resolve";
import { zipResponse, type ZipMember } from "./zip";

/** A multi-select is one page of a listing at most; more ids are a 400, not a long loop of lookups. */
const MAX_IDS = 1000;

const zipQuery = z
  .object({
    ids: z
      .string()
      .max(MAX_IDS * 16)
      .regex(/^[1-9][0-9]{0,14}(,[1-9][0-9]{0,14})*$/, "a comma-separated list of ids")
      .optional(),
  })
  .strict();

/**
 * What the folder shows the asker: its children, and in their root the spaces and shares mounted
 * there (under the names they have in that root), as the listing of /api/files shows them.
 */
async function membersOf(c: Context<AppEnv>, folder: FileNode): Promise<ZipMember[]> {
  const services = servicesFor(c);
  const view = await services.view();
  const own = (await services.files.list(folder)).map((node) => ({ node, name: node.name }));
  if (folder.id !== view.root.id) return own;
  const mounts = (await view.mounts()).filter((m) => m.permissions & READ).map((m) => ({ node: m.node, name: m.name }));
  return [...own, ...mounts];
}

/** The members picked by id: each must be one of the folder's (a mount counts in the root), each readable by the asker. */
async function picked(c: Context<AppEnv>, folder: FileNode, ids: number[]): Promise<ZipMember[]> {
  const members = await membersOf(c, folder);
  return Promise.all(
    ids.map(async (id) => {
      const member = members.find((m) => m.node.id === id);
      if (!member) throw badRequest(`${id} is not in this folder`, "not_in_folder");
      // A mount's own node is readable through it; the rest goes through the authorization service like any id.
      if (member.node.parentId === folder.id) await resolveNode(c, id, READ);
      return member;
    }),
  );
}

/** The name the folder has for the asker ("Photos", a share's name in their root), "download" for the root. */
async function folderName(c: Context<AppEnv>, folder: FileNode): Promise<string> {
  const view = await servicesFor(c).view();
  if (folder.id === view.root.id) return "download";
  const place = await view.placeOf(folder);
  return place?.names[place.names.length - 1] || folder.name || "download";
}

/**
 * `GET /api/files/{id}/zip`: a folder and everything below it as one zip, streamed (paths relative to
 * the folder); `?ids=1,2,3` takes only those members of it (a multi-select). Read access to the folder
 * is checked through the authorization service and holds for everything below it.
 */
export const filesZipApi = new Hono<AppEnv>().get("/:id{[0-9]+}/zip", queryParams(zipQuery), async (c) => {
  const folder = await resolveNode(c, Number(c.req.param("id")), READ);
  if (!folder.isFolder) throw badRequest("Only a folder is downloaded as a zip; give its id, and ids of its members", "not_a_folder");
  const { ids } = c.req.valid("query");
  const wanted = ids === undefined ? undefined : [...new Set(ids.split(",").map(Number))];
  if (wanted && wanted.length > MAX_IDS) throw badRequest(`At most ${MAX_IDS} ids`, "too_many_ids");
  const members = wanted ? await picked(c, folder, wanted) : await membersOf(c, folder);
  const name = wanted?.length === 1 ? members[0]!.name : await folderName(c, folder);
  const services = servicesFor(c);
  return zipResponse({ children: (node) => services.files.list(node), files: services.files }, members, name, c.req.method === "HEAD");
});
