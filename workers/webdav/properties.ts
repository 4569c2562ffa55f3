import type { FileNode } from "../storage/tree";
import { DAV_NS, escapeXml, NC_NS, OC_NS } from "./xml";
import { READ, SHARE, shareBitsFor } from "../sharing/permission-bits";
import { permissionLetters, type NodeGrant } from "./permissions";
import { httpDate, isoDate } from "./dav-dates";

export interface PropertyContext {
  ownerDisplayName: string;
  /** For the quota properties of folders: bytes used by the tree's owner, and what is left (null: no limit). */
  quota: { used: number; available: number | null };
  instanceId: string;
  isRoot: boolean;
  /** What the asker may do with this node (its oc:permissions). */
  grant: NodeGrant;
}

type Getter = (node: FileNode, ctx: PropertyContext) => string | null;

const key = (ns: string, local: string) => `${ns}|${local}`;

/** Nextcloud's id form: file id padded to 8 digits, then the instance id. Stable across moves. */
export const ocId = (node: FileNode, instanceId: string) => `${String(node.id).padStart(8, "0")}${instanceId}`;

/** Where Nextcloud puts the bits a node may be shared with; the desktop client's share dialog reads it. */
const OCS_NS = "http://open-collaboration-services.org/ns";

/** Nextcloud's rule: nothing without the share and read bits, and a file never passes on create or delete. */
const sharePermissions = (node: FileNode, bits: number) => (bits & SHARE && bits & READ ? shareBitsFor(node.isFolder, bits) : 0);

/** Live properties: computed from the node, never stored. `null` means "not defined for this node" (404). */
export const LIVE_PROPERTIES = new Map<string, Getter>([
  [key(DAV_NS, "resourcetype"), (n) => (n.isFolder ? "<d:collection/>" : "")],
  [key(DAV_NS, "getetag"), (n) => `&quot;${n.etag}&quot;`],
  [key(DAV_NS, "getlastmodified"), (n) => httpDate(n.mtime)],
  [key(DAV_NS, "creationdate"), (n) => isoDate(n.createdAt)],
  [key(DAV_NS, "displayname"), (n) => (n.name ? escapeXml(n.name) : null)],
  [key(DAV_NS, "getcontentlength"), (n) => (n.isFolder ? null : String(n.size))],
  [key(DAV_NS, "getcontenttype"), (n) => (n.isFolder ? null : escapeXml(n.mime))],
  [key(DAV_NS, "quota-used-bytes"), (n, c) => (n.isFolder ? String(c.quota.used) : null)],
  [key(DAV_NS, "quota-available-bytes"), (n, c) => (n.isFolder ? String(c.quota.available ?? -3) : null)],
  [key(DAV_NS, "supportedlock"), () => '<d:lockentry><d:lockscope><d:exclusive/></d:lockscope><d:locktype><d:write/></d:locktype></d:lockentry><d:lockentry><d:lockscope><d:shared/></d:lockscope><d:locktype><d:write/></d:locktype></d:lockentry>'],
  [key(OC_NS, "id"), (n, c) => ocId(n, c.instanceId)],
  [key(OC_NS, "fileid"), (n) => String(n.id)],
  [key(OC_NS, "permissions"), (n, c) => permissionLetters(n, c.grant)],
  [key(OCS_NS, "share-permissions"), (n, c) => String(sharePermissions(n, c.grant.bits))],
  [key(OC_NS, "size"), (n) => String(n.size)],
  [key(OC_NS, "checksums"), (n) => (n.sha1 ? `<oc:checksum>SHA1:${n.sha1}</oc:checksum>` : null)],
  [key(OC_NS, "owner-id"), (n) => escapeXml(n.ownerId)],
  [key(OC_NS, "owner-display-name"), (_n, c) => escapeXml(c.ownerDisplayName)],
  [key(OC_NS, "data-fingerprint"), (_n, c) => (c.isRoot ? "" : null)],
  [key(NC_NS, "has-preview"), () => "false"],
]);

/** What allprop returns: RFC 4918's live properties plus Nextcloud's usual set. */
export const ALLPROP = [...LIVE_PROPERTIES.keys()].filter((k) => !k.endsWith("|supportedlock") && !k.endsWith("|data-fingerprint"));

export function splitKey(k: string): { ns: string; local: string } {
  const at = k.lastIndexOf("|");
  return { ns: k.slice(0, at), local: k.slice(at + 1) };
}

export { key as propertyKey };
