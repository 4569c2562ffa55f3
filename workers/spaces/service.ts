import { and, eq, isNotNull, sql } from "drizzle-orm";
import { fileNodes, fileVersions, groups, spaceMembers, spaces, users } from "../../schema/core";
import { randomToken } from "../accounts/crypto";
import { UNLIMITED } from "../accounts/quota";
import type { Db } from "../db/client";
import { notFound } from "../http/errors";
import type { SpaceRole } from "../sharing/permission-bits";
import { newEtag } from "../storage/etag";
import { FOLDER_MIME } from "../storage/mime";

export type Space = typeof spaces.$inferSelect;
export type PrincipalType = "user" | "group";

/** A space as the admin API shows it: its holder's quota (null: unlimited) and what its tree holds. */
export interface SpaceSummary {
  id: number;
  name: string;
  orgId: string | null;
  quotaBytes: number | null;
  usedBytes: number;
  createdBy: string | null;
  createdAt: number;
  /** Users and groups holding a role (a group counts once, whatever its size). */
  memberCount: number;
}

export interface SpaceMember {
  type: PrincipalType;
  id: string;
  displayName: string;
  role: SpaceRole;
}

/** The holder account's kind. */
export const SPACE_HOLDER = "space";

/**
 * A holder's id has a colon, which no person's id may contain (accounts/identifiers.ts), so no one
 * can ever take it as a login; and Basic auth would split it at the colon anyway.
 */
const newHolderId = () => `space:${randomToken(20)}`;

/** A stored hash in no scheme verifyPassword knows: it answers false without spending PBKDF2 on it. */
const NO_PASSWORD = "!space-holder";

const summaryColumns = sql`sp.id AS id, sp.name AS name, sp.org_id AS orgId, u.quota_bytes AS quota, coalesce(n.size, 0) AS usedBytes,
  sp.created_by AS createdBy, sp.created_at AS createdAt, (SELECT count(*) FROM space_members m WHERE m.space_id = sp.id) AS memberCount`;
const summaryFrom = sql`spaces sp JOIN users u ON u.id = sp.holder_id
  LEFT JOIN file_nodes n ON n.owner_id = sp.holder_id AND n.parent_id IS NULL AND n.trashed_at IS NULL AND n.space_id = CAST(sp.id AS TEXT)`;

type SummaryRow = Omit<SpaceSummary, "quotaBytes"> & { quota: number | null };
const toSummary = ({ quota, ...row }: SummaryRow): SpaceSummary => ({ ...row, quotaBytes: quota === UNLIMITED || quota === null ? null : quota });

/**
 * Drops a deleted user's or group's roles in every space (space_members has no foreign key, since a
 * principal is either), so that an account or group made later under the same id inherits nothing.
 */
export function forgetPrincipal(db: Db, type: PrincipalType, id: string) {
  return db.delete(spaceMembers).where(and(eq(spaceMembers.principalType, type), eq(spaceMembers.principalId, id)));
}

/**
 * Spaces ("bureaux virtuels"): a tree held by a hidden account of its own, so that quota, the org's
 * pool, trash and versions work for it exactly as for a person; members reach it through their role
 * (sharing/mounts.ts mounts it in their root, sharing/effective-access.ts answers what they may do).
 * Rows only: callers check rights first (spaces/rights.ts).
 */
export class SpaceService {
  constructor(
    private readonly db: Db,
    private readonly bucket: R2Bucket,
  ) {}

  async byId(id: number): Promise<Space | undefined> {
    return this.db.query.spaces.findFirst({ where: eq(spaces.id, id) });
  }

  async get(id: number): Promise<Space> {
    const space = await this.byId(id);
    if (!space) throw notFound("No such space");
    return space;
  }

  /** The holder account, its space row and the space's root folder, in one transaction. */
  async create(input: { name: string; orgId: string | null; quotaBytes: number | null; createdBy: string }): Promise<SpaceSummary> {
    const holderId = newHolderId();
    const now = Math.floor(Date.now() / 1000);
    await this.db.batch([
      this.db.insert(users).values({
        id: holderId,
        displayName: input.name,
        passwordHash: NO_PASSWORD,
        orgId: input.orgId,
        enabled: true,
        kind: SPACE_HOLDER,
        quotaBytes: input.quotaBytes ?? UNLIMITED,
      }),
      this.db.insert(spaces).values({ name: input.name, orgId: input.orgId, holderId, createdBy: input.createdBy }),
      this.db.insert(fileNodes).values({
        ownerId: holderId,
        spaceId: sql`(SELECT CAST(id AS TEXT) FROM spaces WHERE holder_id = ${holderId})`,
        parentId: null,
        name: "",
        isFolder: true,
        mime: FOLDER_MIME,
        etag: newEtag(),
        mtime: now,
      }),
    ]);
    const created = await this.db.query.spaces.findFirst({ where: eq(spaces.holderId, holderId) });
    return (await this.summary(created!.id))!;
  }

  async summary(id: number): Promise<SpaceSummary | undefined> {
    const [row] = await this.db.all<SummaryRow>(sql`SELECT ${summaryColumns} FROM ${summaryFrom} WHERE sp.id = ${id}`);
    return row && toSummary(row);
  }

  /** Every space, or those of some orgs plus some ids (what an org admin or a manager may see). */
  async summaries(filter?: { orgIds: readonly string[]; spaceIds: readonly number[] }): Promise<SpaceSummary[]> {
    const where = filter
      ? sql`WHERE sp.org_id IN (SELECT value FROM json_each(${JSON.stringify(filter.orgIds)}))
          OR sp.id IN (SELECT value FROM json_each(${JSON.stringify(filter.spaceIds)}))`
      : sql``;
    const rows = await this.db.all<SummaryRow>(sql`SELECT ${summaryColumns} FROM ${summaryFrom} ${where} ORDER BY sp.name, sp.id`);
    return rows.map(toSummary);
  }

  /** The holder's display name follows, since clients show it as the owner of the space's files. */
  async rename(space: Space, name: string): Promise<void> {
    await this.db.batch([
      this.db.update(spaces).set({ name }).where(eq(spaces.id, space.id)),
      this.db.update(users).set({ displayName: name }).where(eq(users.id, space.holderId)),
    ]);
  }

  /** Null means unlimited; the org's pool still applies. */
  async setQuota(space: Space, quotaBytes: number | null): Promise<void> {
    await this.db.update(users).set({ quotaBytes: quotaBytes ?? UNLIMITED }).where(eq(users.id, space.holderId));
  }

  /**
   * Deletes the space for good: the holder account goes, and with it (cascades) the space row, its
   * roles, its tree, trash, versions and shares. The blob keys are read in the same transaction as
   * the delete, so no file added meanwhile is missed; an upload still running then fails on its
   * parent and reclaims its own blob.
   */
  async remove(space: Space): Promise<void> {
    const holder = space.holderId;
    const [files, versions] = await this.db.batch([
      this.db
        .select({ key: fileNodes.blobKey })
        .from(fileNodes)
        .where(and(eq(fileNodes.ownerId, holder), isNotNull(fileNodes.blobKey))),
      this.db.select({ key: fileVersions.blobKey }).from(fileVersions).innerJoin(fileNodes, eq(fileNodes.id, fileVersions.nodeId)).where(eq(fileNodes.ownerId, holder)),
      this.db.delete(users).where(and(eq(users.id, holder), eq(users.kind, SPACE_HOLDER))),
    ]);
    const blobs = [...files, ...versions].map((r) => r.key).filter((k): k is string => k !== null);
    for (let i = 0; i < blobs.length; i += 1000) await this.bucket.delete(blobs.slice(i, i + 1000));
  }

  async members(space: Space): Promise<SpaceMember[]> {
    const rows = await this.db
      .select({ type: spaceMembers.principalType, id: spaceMembers.principalId, role: spaceMembers.role, userName: users.displayName, groupName: groups.displayName })
      .from(spaceMembers)
      .leftJoin(users, and(eq(spaceMembers.principalType, "user"), eq(users.id, spaceMembers.principalId)))
      .leftJoin(groups, and(eq(spaceMembers.principalType, "group"), eq(groups.id, spaceMembers.principalId)))
      .where(eq(spaceMembers.spaceId, space.id))
      .orderBy(spaceMembers.principalType, spaceMembers.principalId);
    return rows.map((r) => ({
      type: r.type as PrincipalType,
      id: r.id,
      displayName: (r.type === "user" ? r.userName : r.groupName) ?? r.id,
      role: r.role as SpaceRole,
    }));
  }

  /** Gives a user or a group a role, replacing the one they had. */
  async grant(space: Space, type: PrincipalType, principalId: string, role: SpaceRole): Promise<void> {
    await this.db
      .insert(spaceMembers)
      .values({ spaceId: space.id, principalType: type, principalId, role })
      .onConflictDoUpdate({ target: [spaceMembers.spaceId, spaceMembers.principalType, spaceMembers.principalId], set: { role } });
  }

  /** False when the principal had no role. Access ends at once: every request asks effectiveAccess afresh. */
  async revoke(space: Space, type: PrincipalType, principalId: string): Promise<boolean> {
    const deleted = await this.db
      .delete(spaceMembers)
      .where(and(eq(spaceMembers.spaceId, space.id), eq(spaceMembers.principalType, type), eq(spaceMembers.principalId, principalId)))
      .returning({ id: spaceMembers.spaceId });
    return deleted.length > 0;
  }
}
