import { fileNodes, spaceMembers, spaces, users } from "../../schema/core";
import { randomToken } from "../../workers/accounts/crypto";
import { newEtag } from "../../workers/storage/etag";
import { FOLDER_MIME } from "../../workers/storage/mime";
import type { FileNode } from "../../workers/storage/tree";
import { db } from "../support/accounts";

/** A space (its holder account and root folder) with one manager, as the spaces admin API leaves it. */
export async function createSpaceWithManager(name: string, managerId: string): Promise<FileNode> {
  const holderId = `space:${randomToken(20)}`;
  await db().insert(users).values({ id: holderId, displayName: name, passwordHash: "!space-holder", kind: "space" });
  const [space] = await db().insert(spaces).values({ name, holderId, createdBy: managerId }).returning();
  await db().insert(spaceMembers).values({ spaceId: space!.id, principalType: "user", principalId: managerId, role: "manage" });
  const [root] = await db()
    .insert(fileNodes)
    .values({ ownerId: holderId, spaceId: String(space!.id), parentId: null, name: "", isFolder: true, mime: FOLDER_MIME, etag: newEtag(), mtime: Math.floor(Date.now() / 1000) })
    .returning();
  return root!;
}
