import type { User } from "../accounts/users";
import type { Db } from "../db/client";
import type { Reader } from "../db/read-together";
import type { FileService } from "../storage/service";
import type { FileNode } from "../storage/tree";

export interface PropertySourceInput {
  db: Db;
  /** Who asks: favorites, unread comments and the like are per person. */
  user: User;
  nodes: readonly FileNode[];
  /** Reads through this go to D1 in one batch with every other source's: one round trip for all of them. */
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
