import { ApiError, badRequest } from "../http/errors";
import type { FileNode } from "../storage/tree";
import type { Dav } from "./context";
import { parseIfHeader, submittedTokens, type IfList } from "./if-header";
import { locksCovering, locksInside } from "./locks";

const locked = () => new ApiError(423, "locked", "The resource is locked and no matching lock token was given");
const preconditionFailed = () => new ApiError(412, "precondition_failed", "An If condition was not met");

export function ifListsOf(dav: Dav): IfList[] | null {
  const header = dav.c.req.header("If");
  if (!header) return null;
  const lists = parseIfHeader(header);
  if (!lists) throw badRequest("Malformed If header", "invalid_if_header");
  return lists;
}

async function resourceOf(dav: Dav, list: IfList): Promise<{ node?: FileNode; parent?: FileNode }> {
  if (!list.resource) return { node: dav.node, parent: dav.parent };
  const names = dav.namesOfUrl(list.resource);
  return names ? await dav.view.resolve(names) : {};
}

/**
 * Tokens of the locks that cover a resource. A name not created yet (PUT, MKCOL, MOVE target in a
 * locked folder) is covered by its parent's locks: their token is what the client must submit.
 */
async function tokensCovering(dav: Dav, target: { node?: FileNode; parent?: FileNode }): Promise<string[]> {
  const holder = target.node ?? target.parent;
  return holder ? (await locksCovering(dav.db, holder)).map((l) => l.token) : [];
}

/**
 * RFC 4918 §10.4: at least one list of the If header must hold, each of its conditions true
 * (a state token naming a lock on the resource, an entity tag equal to the resource's).
 */
export async function checkIfHeader(dav: Dav, lists: IfList[] | null): Promise<void> {
  if (!lists) return;
  for (const list of lists) {
    const target = await resourceOf(dav, list);
    const node = target.node;
    const tokens = await tokensCovering(dav, target);
    const holds = list.conditions.every((condition) => {
      const result = condition.token ? tokens.includes(condition.token) : node !== undefined && condition.etag === `"${node.etag}"`;
      return condition.not ? !result : result;
    });
    if (holds) return;
  }
  throw preconditionFailed();
}

/**
 * Refuses (423) a change to locked resources unless the client submitted a token of the lock.
 * `nodes` are what the change touches: the resource, and the folder gaining or losing a member.
 */
export async function assertUnlocked(dav: Dav, nodes: (FileNode | undefined)[], options: { subtree?: FileNode } = {}): Promise<void> {
  const lists = ifListsOf(dav);
  await checkIfHeader(dav, lists);
  const tokens = submittedTokens(lists);
  for (const node of nodes) {
    if (!node) continue;
    const locks = await locksCovering(dav.db, node);
    if (locks.length && !locks.some((l) => tokens.includes(l.token))) throw locked();
  }
  if (options.subtree?.isFolder) {
    for (const lock of await locksInside(dav.db, options.subtree)) if (!tokens.includes(lock.token)) throw locked();
  }
}

/** A member is added to or removed from `folder`: only a depth-0 or deep lock on the folder itself matters. */
export async function assertFolderUnlocked(dav: Dav, folder: FileNode | undefined): Promise<void> {
  await assertUnlocked(dav, [folder]);
}
