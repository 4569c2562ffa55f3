import { and, eq } from "drizzle-orm";
import { shareRecipients, shares } from "../../schema/core";
import { randomToken } from "../accounts/crypto";
import { hashPassword } from "../accounts/password-hash";
import { assertPasswordAllowed } from "../accounts/password-policy";
import { findUser, type User } from "../accounts/users";
import type { Config } from "../config";
import type { Db } from "../db/client";
import { OcsError } from "../ocs/envelope";
import type { EventContext } from "../storage/events";
import { splitPath } from "../storage/names";
import type { FileNode } from "../storage/tree";
import { effectiveAccess } from "./effective-access";
import { expiresAtOf } from "./expiry";
import { SHARE } from "./permission-bits";
import { placeNodes } from "./placed-nodes";
import { PENDING, REJECTED, setRecipientState } from "./recipients";
import { recipientsOf, recordShareActivity } from "./share-activity";
import { ShareAsker } from "./share-asker";
import { isLinkType, shareBits } from "./share-permissions";
import { EMAIL_SHARE, GROUP_SHARE, insertShare, LINK_SHARE, shareById, USER_SHARE, type NewShare, type Share } from "./share-store";
import { UserView } from "./user-view";

/** Nextcloud's share attributes: a JSON list of {scope, key, value}. */
export interface ShareAttribute {
  scope: string;
  key: string;
  value: unknown;
}

/** What a share's owner may change (OCS PUT), and what a new share may set. */
export interface ShareOptions {
  permissions?: number;
  publicUpload?: boolean;
  password?: string;
  /** YYYY-MM-DD; "" removes the date. */
  expireDate?: string;
  note?: string;
  label?: string;
  hideDownload?: boolean;
  attributes?: ShareAttribute[];
}

export interface NewShareInput extends ShareOptions {
  /** In the asker's view. */
  path: string;
  shareType: number;
  shareWith?: string;
}

export interface ShareServiceDeps {
  db: Db;
  config: Config;
  user: User;
  /** For activity and plugin hooks. */
  events: EventContext;
}

const noSuchShare = () => new OcsError(404, "Wrong share ID, share does not exist");
const noSuchPath = () => new OcsError(404, "Wrong path, file/folder does not exist");
const pathOf = (names: readonly string[]) => `/${names.join("/")}`;

/** An attribute list saying "no download" hides the download button, as Nextcloud's clients mean it. */
function hidesDownload(attributes: readonly ShareAttribute[] | undefined): boolean | undefined {
  const download = attributes?.find((a) => a.scope === "permissions" && a.key === "download");
  return download ? download.value === false : undefined;
}

function expiresAt(expireDate: string): number | null {
  if (expireDate === "") return null;
  const at = expiresAtOf(expireDate);
  if (at === null) throw new OcsError(400, "Invalid date, date format must be YYYY-MM-DD");
  if (at === "past") throw new OcsError(400, "Expiration date is in the past");
  return at;
}

/**
 * Creating, changing and ending shares for one asker. Every right comes from effectiveAccess (what
 * the asker, or a share's initiator, holds on the node) and ShareAsker (who they are to a share).
 */
export class ShareService {
  private constructor(
    private readonly deps: ShareServiceDeps,
    readonly view: UserView,
    readonly asker: ShareAsker,
  ) {}

  static async for(deps: ShareServiceDeps): Promise<ShareService> {
    const [view, asker] = await Promise.all([UserView.of(deps.db, deps.user), ShareAsker.of(deps.db, deps.user)]);
    return new ShareService(deps, view, asker);
  }

  private get db() {
    return this.deps.db;
  }

  async create(input: NewShareInput): Promise<Share> {
    const names = splitPath(input.path);
    if (!names.length) throw new OcsError(403, "You cannot share your root folder");
    const { node } = await this.view.resolve(names);
    const access = node && (await effectiveAccess(this.db, this.deps.user.id, node.id));
    if (!node || !access) throw noSuchPath();
    const path = pathOf(names);
    if (!(access.permissions & SHARE)) throw new OcsError(404, `You are not allowed to share ${path}`);
    const shareWith = await this.checkRecipient(input, node);
    const row: NewShare = {
      shareType: input.shareType,
      nodeId: node.id,
      initiatorId: this.deps.user.id,
      shareWith,
      permissions: shareBits({ shareType: input.shareType, isFolder: node.isFolder, permissions: input.permissions, publicUpload: input.publicUpload, held: access.permissions, path }),
      token: isLinkType(input.shareType) ? randomToken(15) : null,
      ...(await this.options(input, input.shareType)),
    };
    const share = await insertShare(this.db, row);
    if (!this.deps.config.shareAutoAccept && !isLinkType(share.shareType)) await this.markPending(share);
    await recordShareActivity(this.deps.events, "shared", share, node, path);
    return share;
  }

  /** Who a share goes to, checked: a person other than the asker and the owner, a group, an address. */
  private async checkRecipient(input: NewShareInput, node: FileNode): Promise<string | null> {
    const shareWith = input.shareWith?.trim() ?? "";
    switch (input.shareType) {
      case LINK_SHARE:
        return null;
      case USER_SHARE: {
        const user = shareWith ? await findUser(this.db, shareWith) : undefined;
        if (!user?.enabled || user.kind !== "person") throw new OcsError(404, "Please specify a valid user");
        if (user.id === this.deps.user.id) throw new OcsError(403, "Cannot share with yourself");
        if (user.id === node.ownerId) throw new OcsError(403, "Cannot share with the owner of the file");
        await this.assertNotSharedYet(node, input.shareType, user.id, user.displayName);
        return user.id;
      }
      case GROUP_SHARE: {
        const group = shareWith ? await this.db.query.groups.findFirst({ where: (g, { eq }) => eq(g.id, shareWith) }) : undefined;
        if (!group) throw new OcsError(404, "Please specify a valid group");
        await this.assertNotSharedYet(node, input.shareType, group.id, group.displayName);
        return group.id;
      }
      case EMAIL_SHARE: {
        const address = shareWith.toLowerCase();
        if (!/^[^\s@]+@[^\s@]+\.[^\s@]+$/.test(address) || address.length > 255) throw new OcsError(400, "Please specify a valid e-mail address");
        await this.assertNotSharedYet(node, input.shareType, address, address);
        return address;
      }
      default:
        throw new OcsError(400, "Unknown share type");
    }
  }

  private async assertNotSharedYet(node: FileNode, shareType: number, shareWith: string, label: string) {
    const existing = await this.db.query.shares.findFirst({
      where: and(eq(shares.nodeId, node.id), eq(shares.shareType, shareType), eq(shares.shareWith, shareWith)),
    });
    if (existing) throw new OcsError(403, `${node.name} is already shared with ${label}`);
  }

  /** The optional fields, validated; only links and e-mail shares have a password. */
  private async options(input: ShareOptions, shareType: number): Promise<Partial<NewShare>> {
    const out: Partial<NewShare> = {};
    if (input.password !== undefined && isLinkType(shareType)) {
      if (input.password === "") out.passwordHash = null;
      else {
        assertPasswordAllowed(input.password, this.deps.config.password);
        out.passwordHash = await hashPassword(input.password);
      }
    }
    if (input.expireDate !== undefined) out.expiresAt = expiresAt(input.expireDate);
    if (input.note !== undefined) out.note = input.note;
    if (input.label !== undefined) out.label = input.label;
    if (input.attributes !== undefined) out.attributes = input.attributes.length ? JSON.stringify(input.attributes) : null;
    const hidden = input.hideDownload ?? hidesDownload(input.attributes);
    if (hidden !== undefined) out.hideDownload = hidden;
    return out;
  }

  /** Without auto-accept, each recipient (a group's current members) finds the share pending. */
  private async markPending(share: Share) {
    for (const userId of await recipientsOf(this.db, share)) {
      await this.db.insert(shareRecipients).values({ shareId: share.id, userId, state: PENDING }).onConflictDoNothing();
    }
  }

  /** A share the asker manages or receives, on a node still in its tree; anything else is "not found". */
  async find(id: number): Promise<{ share: Share; node: FileNode; path: string }> {
    const share = Number.isSafeInteger(id) ? await shareById(this.db, id) : undefined;
    const placed = share && (await placeNodes(this.view, [share.nodeId])).get(share.nodeId);
    if (!share || !placed || !(this.asker.manages(share, placed.node) || this.asker.receives(share))) throw noSuchShare();
    return { share, node: placed.node, path: placed.names ? pathOf(placed.names) : `/${placed.node.name}` };
  }

  async update(id: number, input: ShareOptions): Promise<Share> {
    const { share, node, path } = await this.find(id);
    if (!this.asker.manages(share, node)) throw new OcsError(403, "You are not allowed to edit incoming shares");
    if (Object.values(input).every((v) => v === undefined)) throw new OcsError(400, "Wrong or no update parameter given");
    const changes = await this.options(input, share.shareType);
    if (input.password !== undefined && !isLinkType(share.shareType)) throw new OcsError(400, "Only links and e-mail shares have a password");
    if (input.permissions !== undefined || (input.publicUpload !== undefined && isLinkType(share.shareType))) {
      // A reshare stays within what its initiator holds now, whoever edits it.
      const held = (await effectiveAccess(this.db, share.initiatorId, node.id))?.permissions ?? 0;
      changes.permissions = shareBits({ shareType: share.shareType, isFolder: node.isFolder, permissions: input.permissions, publicUpload: input.publicUpload, held, path });
    }
    const [updated] = await this.db.update(shares).set(changes).where(eq(shares.id, share.id)).returning();
    return updated!;
  }

  /**
   * DELETE of a share: its initiator, the node's owner or a space manager ends it for everyone; a
   * recipient only removes it from their own files (Nextcloud's deleted shares, restorable).
   */
  async remove(id: number): Promise<void> {
    const { share, node, path } = await this.find(id);
    if (!this.asker.manages(share, node)) {
      await setRecipientState(this.db, this.deps.user.id, [share.id], REJECTED);
      return;
    }
    await this.db.delete(shares).where(eq(shares.id, share.id));
    await recordShareActivity(this.deps.events, "unshared", share, node, path);
  }

  /** Accept, decline, remove from one's files or restore a received share: only its recipients may. */
  async setMyState(id: number, state: number): Promise<void> {
    const { share } = await this.find(id);
    if (!this.asker.receives(share)) throw noSuchShare();
    await setRecipientState(this.db, this.deps.user.id, [share.id], state);
  }
}
