import { and, asc, eq, sql } from "drizzle-orm";
import { systemTagRelations, systemTags } from "../../schema/file-lifecycle";
import type { User } from "../accounts/users";
import type { Db } from "../db/client";
import { idSubquery, isEmptyIdSet, type IdSet } from "../db/id-set";
import { directReader, type Reader } from "../db/read-together";
import { ApiError, badRequest, conflict, forbidden, notFound } from "../http/errors";
import { entriesFor, recordActivity } from "../activity/record";
import { audienceOf } from "../sharing/audience";
import { fileAccess } from "../storage/access";
import type { FileNode } from "../storage/tree";

export type SystemTag = typeof systemTags.$inferSelect;

export interface TagView {
  id: number;
  name: string;
  userVisible: boolean;
  userAssignable: boolean;
  /** Whether the asker may assign and unassign it. */
  canAssign: boolean;
}

export const MAX_TAG_NAME = 64;

/** Invisible tags exist for admins (and automation) only; restricted ones are visible but only admins assign them. */
export const canSeeTag = (tag: SystemTag, user: User) => user.isAdmin || tag.userVisible;
export const canAssignTag = (tag: SystemTag, user: User) => user.isAdmin || (tag.userVisible && tag.userAssignable);

export const viewOf = (tag: SystemTag, user: User): TagView => ({
  id: tag.id,
  name: tag.name,
  userVisible: tag.userVisible,
  userAssignable: tag.userAssignable,
  canAssign: canAssignTag(tag, user),
});

function cleanName(name: string): string {
  const trimmed = name.trim();
  if (trimmed === "") throw badRequest("A tag needs a name", "invalid_tag_name");
  if ([...trimmed].length > MAX_TAG_NAME) throw badRequest(`A tag name has at most ${MAX_TAG_NAME} characters`, "invalid_tag_name");
  return trimmed;
}

function assertAdmin(user: User, action: string): void {
  if (!user.isAdmin) throw forbidden(`Only administrators may ${action}`);
}

/** The system tags of the instance and the files they are on; DAV and the JSON API both go through here. */
export class TagService {
  constructor(
    private readonly db: Db,
    private readonly user: User,
  ) {}

  async list(): Promise<SystemTag[]> {
    const rows = await this.db.select().from(systemTags).orderBy(asc(systemTags.name));
    return rows.filter((t) => canSeeTag(t, this.user));
  }

  /** A tag the asker may see; anything else is "not found", so invisible tags stay secret. */
  async get(id: number): Promise<SystemTag> {
    const tag = await this.db.query.systemTags.findFirst({ where: eq(systemTags.id, id) });
    if (!tag || !canSeeTag(tag, this.user)) throw notFound("No such tag");
    return tag;
  }

  async create(input: { name: string; userVisible?: boolean; userAssignable?: boolean }): Promise<SystemTag> {
    const name = cleanName(input.name);
    const userVisible = input.userVisible ?? true;
    const userAssignable = input.userAssignable ?? true;
    if (!userVisible || !userAssignable) assertAdmin(this.user, "create invisible or restricted tags");
    await this.assertNameFree(name);
    try {
      const [row] = await this.db.insert(systemTags).values({ name, userVisible, userAssignable }).returning();
      return row!;
    } catch (error) {
      // Two creations racing: the unique index decides, and the loser gets the same 409.
      if (String(error).includes("UNIQUE")) throw duplicate(name);
      throw error;
    }
  }

  /** Creates a tag and assigns it to a file the asker can reach, checking the file first. */
  async createOnFile(fileId: number, input: { name: string; userVisible?: boolean; userAssignable?: boolean }): Promise<SystemTag> {
    await this.reachableFile(fileId);
    const tag = await this.create(input);
    await this.assign(fileId, tag.id);
    return tag;
  }

  async update(id: number, changes: { name?: string; userVisible?: boolean; userAssignable?: boolean }): Promise<SystemTag> {
    const tag = await this.get(id);
    assertAdmin(this.user, "change tags");
    const name = changes.name === undefined ? tag.name : cleanName(changes.name);
    if (name !== tag.name) await this.assertNameFree(name);
    const next = { name, userVisible: changes.userVisible ?? tag.userVisible, userAssignable: changes.userAssignable ?? tag.userAssignable };
    try {
      const [row] = await this.db.update(systemTags).set(next).where(eq(systemTags.id, id)).returning();
      return row!;
    } catch (error) {
      if (String(error).includes("UNIQUE")) throw duplicate(name);
      throw error;
    }
  }

  async remove(id: number): Promise<void> {
    await this.get(id);
    assertAdmin(this.user, "delete tags");
    // Relations go with the tag (ON DELETE CASCADE).
    await this.db.delete(systemTags).where(eq(systemTags.id, id));
  }

  /** The visible tags on a file the asker can reach; a file they cannot reach is "not found". */
  async tagsOfFile(fileId: number): Promise<SystemTag[]> {
    await this.reachableFile(fileId);
    return (await this.tagsOfNodes([fileId])).get(fileId) ?? [];
  }

  async assign(fileId: number, tagId: number): Promise<void> {
    const node = await this.reachableFile(fileId);
    const tag = await this.assignableTag(tagId);
    const inserted = await this.db.insert(systemTagRelations).values({ tagId: tag.id, nodeId: fileId }).onConflictDoNothing().returning();
    if (inserted.length === 0) throw conflict("This tag is already on the file", "tag_already_assigned");
    await this.recordChange(node, tag, "assigned");
  }

  async unassign(fileId: number, tagId: number): Promise<void> {
    const node = await this.reachableFile(fileId);
    const tag = await this.assignableTag(tagId);
    const deleted = await this.db
      .delete(systemTagRelations)
      .where(and(eq(systemTagRelations.tagId, tag.id), eq(systemTagRelations.nodeId, fileId)))
      .returning();
    if (deleted.length === 0) throw notFound("This tag is not on the file");
    await this.recordChange(node, tag, "unassigned");
  }

  /** Visible tags of many nodes at once (a PROPFIND listing): one query, the ids as one JSON parameter or a subquery. */
  async tagsOfNodes(nodeIds: IdSet, read: Reader = directReader(this.db)): Promise<Map<number, SystemTag[]>> {
    const byNode = new Map<number, SystemTag[]>();
    if (isEmptyIdSet(nodeIds)) return byNode;
    const rows = await read<SystemTag & { nodeId: number }>(sql`
      SELECT r.node_id AS nodeId, t.id AS id, t.name AS name, t.user_visible AS userVisible, t.user_assignable AS userAssignable, t.created_at AS createdAt
      FROM system_tag_relations r INNER JOIN system_tags t ON t.id = r.tag_id
      WHERE r.node_id IN (${idSubquery(nodeIds)})
      ORDER BY t.name`);
    for (const { nodeId, ...row } of rows) {
      // Raw rows carry SQLite's 0/1 where the table's type says boolean.
      const tag: SystemTag = { ...row, userVisible: Boolean(row.userVisible), userAssignable: Boolean(row.userAssignable) };
      if (canSeeTag(tag, this.user)) byNode.set(nodeId, [...(byNode.get(nodeId) ?? []), tag]);
    }
    return byNode;
  }

  private async reachableFile(fileId: number): Promise<FileNode> {
    const access = await fileAccess(this.db, this.user.id, fileId);
    if (!access) throw notFound("No such file");
    return access.node;
  }

  /** The streams of those who reach the file say which tag went on or off; invisible tags are automation's business, not news. */
  private async recordChange(node: FileNode, tag: SystemTag, action: "assigned" | "unassigned"): Promise<void> {
    if (!tag.userVisible) return;
    const audience = await audienceOf(this.db, node.id);
    await recordActivity(this.db, entriesFor(audience, { actorId: this.user.id, type: "tags_changed", fileId: node.id, details: { tag: tag.name, action } }));
  }

  /** Nextcloud answers 412 for a tag it cannot find while assigning, and 403 for one the asker may not assign. */
  private async assignableTag(tagId: number): Promise<SystemTag> {
    const tag = await this.db.query.systemTags.findFirst({ where: eq(systemTags.id, tagId) });
    if (!tag || !canSeeTag(tag, this.user)) throw new ApiError(412, "no_such_tag", `No tag with id ${tagId}`);
    if (!canAssignTag(tag, this.user)) throw forbidden("Only administrators may assign or remove this tag");
    return tag;
  }

  private async assertNameFree(name: string): Promise<void> {
    const existing = await this.db.query.systemTags.findFirst({ where: eq(systemTags.name, name) });
    if (existing) throw duplicate(name);
  }
}

const duplicate = (name: string) => conflict(`A tag named "${name}" already exists`, "tag_exists");
