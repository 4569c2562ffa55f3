import type { User } from "../accounts/users";
import type { Db } from "../db/client";
import type { IdSet } from "../db/id-set";
import type { Reader } from "../db/read-together";
import type { FileService } from "../storage/service";
import type { FileNode } from "../storage/tree";

export interface PropertySourceInput {
  db: Db;
  /** Who asks: favorites, unread comments and the like are per person. */
  user: User;
  /**
   * The ids of the nodes to answer for. PROPFIND gives a subquery, so that the sources' reads go out
   * before the listing is loaded, in the same batch as it.
   */
  ids: IdSet;
  /** The nodes themselves, in the listing's order, once loaded (for the few sources that need more than ids). */
  nodes: Promise<readonly FileNode[]>;
  /**
   * Reads through this go to D1 in one batch with the listing's and every other source's: one round
   * trip for all of them, provided a source asks before it awaits anything.
   */
  read: Reader;
  /** For the few sources that read content (a folder's Readme). */
  files: FileService;
}

/**
 * Properties that need more than the node row (favorites, tags, comment counts, a folder's Readme).
 * A source loads what it needs for every node of a listing at once, so a PROPFIND of 10,000 entries
 * costs a few queries per source, not one per entry, and the sources' first reads (through `read`) share
 * one round trip to D1. Features register theirs in property-sources.ts.
 */
export interface PropertySource {
  /** The property keys it answers, as `namespace|local` (see propertyKey in properties.ts). */
  keys: readonly string[];
  /** Whether an allprop PROPFIND includes them. */
  inAllprop?: boolean;
  /** Not shown through public links: they belong to members (stars, comments, tags), and no one is logged in there. */
  membersOnly?: boolean;
  /** Loads for all nodes, then answers per node; null means "not defined here" (a 404 propstat). */
  load(input: PropertySourceInput): Promise<(node: FileNode, key: string) => string | null>;
}
