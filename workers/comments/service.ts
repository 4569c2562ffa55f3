import { and, desc, eq, gt, inArray, sql } from "drizzle-orm";
import { users } from "../../schema/accounts";
import { commentReadMarkers, fileComments } from "../../schema/file-lifecycle";
import { entriesFor, recordActivity } from "../activity/record";
import type { User } from "../accounts/users";
import type { Db } from "../db/client";
import { idSubquery, isEmptyIdSet, type IdSet } from "../db/id-set";
import { directReader, type Reader } from "../db/read-together";
import { ApiError, badRequest, forbidden, notFound } from "../http/errors";
import { audienceOf } from "../sharing/audience";
import { fileAccess } from "../storage/access";
import type { FileNode } from "../storage/tree";

export type FileComment = typeof fileComments.$inferSelect;

export interface CommentView {
  id: number;
  fileId: number;
  actorId: string;
  actorDisplayName: string;
  message: string;
  createdAt: number;
  editedAt: number | null;
  isUnread: boolean;
}

/** Nextcloud's IComment::MAX_MESSAGE_LENGTH. */
export const MAX_COMMENT_LENGTH = 1000;
const D1_MAX_PARAMS = 90;

export interface CommentPage {
  limit?: number;
  offset?: number;
  /** Only comments newer than this (seconds). */
  after?: number;
}

const now = () => Math.floor(Date.now() / 1000);

/** Comments on files and their read markers; DAV and the JSON API both go through here. */
export class CommentService {
  constructor(
    private readonly db: Db,
    private readonly user: User,
  ) {}

  /** Newest first, as Nextcloud lists them; a file the asker cannot reach is "not found". */
  async list(fileId: number, page: CommentPage = {}): Promise<CommentView[]> {
    await this.reachableFile(fileId);
    const where = page.after === undefined ? eq(fileComments.nodeId, fileId) : and(eq(fileComments.nodeId, fileId), gt(fileComments.createdAt, page.after));
    let query = this.db.select().from(fileComments).where(where).orderBy(desc(fileComments.createdAt), desc(fileComments.id)).$dynamic();
    // SQLite accepts OFFSET only after a LIMIT; no limit (0) means all of them, as in Nextcloud.
    if (page.limit || page.offset) query = query.limit(page.limit || Number.MAX_SAFE_INTEGER);
    if (page.offset) query = query.offset(page.offset);
    return this.views(fileId, await query);
  }

  async get(fileId: number, commentId: number): Promise<CommentView> {
    await this.reachableFile(fileId);
    const [view] = await this.views(fileId, [await this.comment(fileId, commentId)]);
    return view!;
  }

  async post(fileId: number, message: string): Promise<CommentView> {
    const node = await this.reachableFile(fileId);
    const text = checkMessage(message, 413);
    const [row] = await this.db.insert(fileComments).values({ nodeId: fileId, actorId: this.user.id, message: text, createdAt: now() }).returning();
    // Recorded for everyone who reaches the file, the author too, like every file activity: the
    // stream's "list my own actions" setting hides one's own when it is read.
    const audience = await audienceOf(this.db, node.id);
    await recordActivity(this.db, entriesFor(audience, { actorId: this.user.id, type: "comment_added", fileId, details: { commentId: row!.id } }));
    return (await this.views(fileId, [row!]))[0]!;
  }

  /** Only the author edits or deletes a comment, as in Nextcloud (not even the file's owner). */
  async edit(fileId: number, commentId: number, message: string): Promise<CommentView> {
    await this.reachableFile(fileId);
    const comment = await this.authored(fileId, commentId);
    const text = checkMessage(message, 400);
    const [row] = await this.db.update(fileComments).set({ message: text, editedAt: now() }).where(eq(fileComments.id, comment.id)).returning();
    return (await this.views(fileId, [row!]))[0]!;
  }

  async remove(fileId: number, commentId: number): Promise<void> {
    await this.reachableFile(fileId);
    const comment = await this.authored(fileId, commentId);
    await this.db.delete(fileComments).where(eq(fileComments.id, comment.id));
  }

  /** Marks the file's comments read up to `at` (now by default). */
  async markRead(fileId: number, at = now()): Promise<void> {
    await this.reachableFile(fileId);
    await this.db
      .insert(commentReadMarkers)
      .values({ userId: this.user.id, nodeId: fileId, readAt: at })
      .onConflictDoUpdate({ target: [commentReadMarkers.userId, commentReadMarkers.nodeId], set: { readAt: at } });
  }

  async readMarker(fileId: number): Promise<number | null> {
    const marker = await this.db.query.commentReadMarkers.findFirst({
      where: and(eq(commentReadMarkers.userId, this.user.id), eq(commentReadMarkers.nodeId, fileId)),
    });
    return marker?.readAt ?? null;
  }

  /** Comment counts of many nodes at once (a PROPFIND listing): all of them, and those after the asker's read marker. */
  async countsOf(nodeIds: IdSet, read: Reader = directReader(this.db)): Promise<Map<number, { count: number; unread: number }>> {
    const counts = new Map<number, { count: number; unread: number }>();
    if (isEmptyIdSet(nodeIds)) return counts;
    // One query for a whole listing: the ids go as one JSON parameter or a subquery, not in chunks of D1's limit.
    const rows = await read<{ nodeId: number; count: number; unread: number }>(sql`
      SELECT c.node_id AS nodeId, count(*) AS count,
        sum(CASE WHEN m.read_at IS NULL OR c.created_at > m.read_at THEN 1 ELSE 0 END) AS unread
      FROM file_comments c LEFT JOIN comment_read_markers m ON m.node_id = c.node_id AND m.user_id = ${this.user.id}
      WHERE c.node_id IN (${idSubquery(nodeIds)})
      GROUP BY c.node_id`);
    for (const r of rows) counts.set(r.nodeId, { count: Number(r.count), unread: Number(r.unread) });
    return counts;
  }

  private async views(fileId: number, rows: readonly FileComment[]): Promise<CommentView[]> {
    if (rows.length === 0) return [];
    const actorIds = [...new Set(rows.map((r) => r.actorId))];
    const chunks: string[][] = [];
    for (let i = 0; i < actorIds.length; i += D1_MAX_PARAMS) chunks.push(actorIds.slice(i, i + D1_MAX_PARAMS));
    const [readAt, ...people] = await Promise.all([
      this.readMarker(fileId),
      ...chunks.map((ids) => this.db.select({ id: users.id, displayName: users.displayName }).from(users).where(inArray(users.id, ids))),
    ]);
    // An author whose account is gone keeps their id as a name, where Nextcloud would show none.
    const names = new Map(people.flat().map((p) => [p.id, p.displayName]));
    return rows.map((r) => ({
      id: r.id,
      fileId: r.nodeId,
      actorId: r.actorId,
      actorDisplayName: names.get(r.actorId) ?? r.actorId,
      message: r.message,
      createdAt: r.createdAt,
      editedAt: r.editedAt,
      isUnread: readAt === null || r.createdAt > readAt,
    }));
  }

  private async comment(fileId: number, commentId: number): Promise<FileComment> {
    const row = await this.db.query.fileComments.findFirst({ where: and(eq(fileComments.id, commentId), eq(fileComments.nodeId, fileId)) });
    if (!row) throw notFound("No such comment");
    return row;
  }

  private async authored(fileId: number, commentId: number): Promise<FileComment> {
    const comment = await this.comment(fileId, commentId);
    if (comment.actorId !== this.user.id) throw forbidden("Only authors are allowed to edit their comment");
    return comment;
  }

  private async reachableFile(fileId: number): Promise<FileNode> {
    const access = await fileAccess(this.db, this.user.id, fileId);
    if (!access) throw notFound("No such file");
    return access.node;
  }
}

/** Nextcloud refuses an empty message with a 400 and an overlong one with a 413 when posting, a 400 when editing. */
function checkMessage(message: string, tooLongStatus: 400 | 413): string {
  if (message.trim() === "") throw badRequest("A comment needs a message", "invalid_comment");
  if ([...message].length > MAX_COMMENT_LENGTH) {
    throw new ApiError(tooLongStatus, "comment_too_long", `Message exceeds allowed character limit of ${MAX_COMMENT_LENGTH}`);
  }
  return message;
}
