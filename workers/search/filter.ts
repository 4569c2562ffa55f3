import { sql, type SQL } from "drizzle-orm";

/**
 * What a search asks, independent of how it was asked (DAV SEARCH, the filter-files REPORT, REST):
 * one tree of conditions on nodes, compiled to one SQL condition.
 */
export type Filter =
  | { op: "and" | "or"; items: Filter[] }
  | { op: "not"; item: Filter }
  /** A LIKE pattern (`%` any run, `_` one character), case-insensitive, accents as typed. */
  | { op: "like"; field: "name" | "mime"; pattern: string }
  | { op: "eq"; field: "name" | "mime"; value: string }
  | { op: "compare"; field: "mtime" | "size"; cmp: "gt" | "gte" | "lt" | "lte" | "eq"; value: number }
  | { op: "folder"; value: boolean }
  | { op: "favorite"; value: boolean }
  | { op: "systemtag"; tagId: number };

const COLUMN = { name: sql.raw("file_nodes.name"), mime: sql.raw("file_nodes.mime"), mtime: sql.raw("file_nodes.mtime"), size: sql.raw("file_nodes.size") } as const;
const CMP = { gt: ">", gte: ">=", lt: "<", lte: "<=", eq: "=" } as const;

/** SQLite's LIKE folds only ASCII letters: other letters are matched exactly, then checked in JavaScript. */
const hasNonAsciiLetters = (s: string) => /[^\u0000-\u007f]/.test(s) && s.toLowerCase() !== s.toUpperCase();

/**
 * The filter as SQL over `file_nodes`, for the asking user. With non-ASCII letters in a LIKE pattern
 * SQL cannot fold case, so `loose` gives a superset (those letters become `_`) and `strict` a subset;
 * the caller then checks each candidate with `matchesExactly`.
 */
export function filterSql(filter: Filter, userId: string, mode: "loose" | "strict" = "loose"): SQL {
  const flip = mode === "loose" ? "strict" : "loose";
  switch (filter.op) {
    case "and":
    case "or": {
      if (filter.items.length === 0) return filter.op === "and" ? sql`1` : sql`0`;
      return sql`(${sql.join(filter.items.map((f) => filterSql(f, userId, mode)), sql.raw(filter.op === "and" ? " AND " : " OR "))})`;
    }
    case "not":
      return sql`NOT (${filterSql(filter.item, userId, flip)})`;
    case "like": {
      if (!hasNonAsciiLetters(filter.pattern)) return sql`${COLUMN[filter.field]} LIKE ${filter.pattern} ESCAPE '\\'`;
      if (mode === "strict") return sql`0`;
      return sql`${COLUMN[filter.field]} LIKE ${looseLikePattern(filter.pattern)} ESCAPE '\\'`;
    }
    case "eq":
      return filter.field === "mime" ? sql`lower(${COLUMN.mime}) = ${filter.value.toLowerCase()}` : sql`${COLUMN.name} = ${filter.value}`;
    case "compare":
      return sql`${COLUMN[filter.field]} ${sql.raw(CMP[filter.cmp])} ${filter.value}`;
    case "folder":
      return sql`file_nodes.is_folder = ${filter.value ? 1 : 0}`;
    case "favorite": {
      const starred = sql`EXISTS (SELECT 1 FROM file_favorites f WHERE f.node_id = file_nodes.id AND f.user_id = ${userId})`;
      return filter.value ? starred : sql`NOT ${starred}`;
    }
    case "systemtag":
      return sql`EXISTS (SELECT 1 FROM system_tag_relations r WHERE r.node_id = file_nodes.id AND r.tag_id = ${filter.tagId})`;
  }
}

function looseLikePattern(pattern: string): string {
  return [...pattern].map((ch) => (ch.toLowerCase() !== ch.toUpperCase() && /[^\u0000-\u007f]/.test(ch) ? "_" : ch)).join("");
}

/** True when the filter needs the JavaScript check after SQL (see filterSql). */
export function needsExactCheck(filter: Filter): boolean {
  if (filter.op === "and" || filter.op === "or") return filter.items.some(needsExactCheck);
  if (filter.op === "not") return needsExactCheck(filter.item);
  return filter.op === "like" && hasNonAsciiLetters(filter.pattern);
}

/** A LIKE pattern as a case-insensitive regular expression, comparing both sides in NFC. */
export function likeRegExp(pattern: string): RegExp {
  let source = "";
  const chars = [...pattern.normalize("NFC")];
  for (let i = 0; i < chars.length; i++) {
    const ch = chars[i]!;
    if (ch === "\\" && i + 1 < chars.length) source += escapeRegExp(chars[++i]!);
    else if (ch === "%") source += "[\\s\\S]*";
    else if (ch === "_") source += "[\\s\\S]";
    else source += escapeRegExp(ch);
  }
  return new RegExp(`^${source}$`, "iu");
}

/**
 * `s` matched literally inside a regular expression, with or without the `u` flag: only the syntax
 * characters and `/` are escaped, the escapes a unicode pattern accepts (it refuses `\-`).
 */
export const escapeRegExp = (s: string) => s.replace(/[.*+?^${}()|[\]\\/]/g, "\\$&");

export interface NodeFacts {
  favorites: ReadonlySet<number>;
  /** Node ids carrying each system tag the filter names. */
  tagged: ReadonlyMap<number, ReadonlySet<number>>;
}

const CMP_FN = { gt: (a: number, b: number) => a > b, gte: (a: number, b: number) => a >= b, lt: (a: number, b: number) => a < b, lte: (a: number, b: number) => a <= b, eq: (a: number, b: number) => a === b };

/** The filter evaluated on one node, for candidates SQL could only keep loosely (see filterSql). */
export function evaluate(filter: Filter, node: { id: number; name: string; mime: string; mtime: number; size: number; isFolder: boolean }, facts: NodeFacts): boolean {
  switch (filter.op) {
    case "and":
      return filter.items.every((f) => evaluate(f, node, facts));
    case "or":
      return filter.items.some((f) => evaluate(f, node, facts));
    case "not":
      return !evaluate(filter.item, node, facts);
    case "like":
      return likeRegExp(filter.pattern).test((filter.field === "name" ? node.name : node.mime).normalize("NFC"));
    case "eq":
      return filter.field === "mime" ? node.mime.toLowerCase() === filter.value.toLowerCase() : node.name === filter.value;
    case "compare":
      return CMP_FN[filter.cmp](node[filter.field], filter.value);
    case "folder":
      return node.isFolder === filter.value;
    case "favorite":
      return facts.favorites.has(node.id) === filter.value;
    case "systemtag":
      return facts.tagged.get(filter.tagId)?.has(node.id) ?? false;
  }
}

/** The system tag ids a filter names. */
export function tagIdsOf(filter: Filter): number[] {
  if (filter.op === "and" || filter.op === "or") return filter.items.flatMap(tagIdsOf);
  if (filter.op === "not") return tagIdsOf(filter.item);
  return filter.op === "systemtag" ? [filter.tagId] : [];
}
