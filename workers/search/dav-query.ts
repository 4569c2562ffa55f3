import { badRequest } from "../http/errors";
import { DAV_NS, OC_NS, child, type XmlElement } from "../webdav/xml";
import type { Filter } from "./filter";
import type { OrderField } from "./service";

/** A property a SEARCH may test, and what it means on a node. */
const SEARCHABLE: Record<string, { text?: "name" | "mime"; number?: "mtime" | "size"; favorite?: true }> = {
  [`${DAV_NS}|displayname`]: { text: "name" },
  [`${DAV_NS}|getcontenttype`]: { text: "mime" },
  [`${DAV_NS}|getlastmodified`]: { number: "mtime" },
  [`${DAV_NS}|getcontentlength`]: { number: "size" },
  [`${OC_NS}|size`]: { number: "size" },
  [`${OC_NS}|favorite`]: { favorite: true },
};

const ORDERABLE: Record<string, OrderField> = {
  [`${DAV_NS}|displayname`]: "name",
  [`${DAV_NS}|getlastmodified`]: "mtime",
  [`${DAV_NS}|getcontentlength`]: "size",
  [`${OC_NS}|size`]: "size",
};

const unsupported = (what: string) => badRequest(`Unsupported in a search: ${what}`, "unsupported_search");

function onlyProperty(element: XmlElement): string {
  const prop = child(element, DAV_NS, "prop")?.children[0];
  if (!prop) throw badRequest(`<d:${element.local}> needs a <d:prop>`, "invalid_search");
  return `${prop.ns}|${prop.local}`;
}

function literalOf(element: XmlElement): string {
  const literal = child(element, DAV_NS, "literal");
  if (!literal) throw badRequest(`<d:${element.local}> needs a <d:literal>`, "invalid_search");
  return literal.text;
}

/** A date literal: Unix seconds (what Nextcloud's web UI sends) or any date JavaScript reads. */
function numberLiteral(text: string, field: "mtime" | "size"): number {
  const trimmed = text.trim();
  if (/^-?\d+$/.test(trimmed)) return Number(trimmed);
  const ms = field === "mtime" ? Date.parse(trimmed) : Number.NaN;
  if (!Number.isFinite(ms)) throw badRequest(`Not a ${field === "mtime" ? "date" : "number"}: ${trimmed.slice(0, 50)}`, "invalid_search");
  return Math.floor(ms / 1000);
}

/** RFC 5323 `<d:where>` content as a Filter; what is not supported is a 400, never ignored. */
export function whereFilter(element: XmlElement): Filter {
  if (element.ns !== DAV_NS) throw unsupported(`{${element.ns}}${element.local}`);
  switch (element.local) {
    case "and":
    case "or":
      return { op: element.local, items: element.children.map(whereFilter) };
    case "not": {
      const [only, ...more] = element.children;
      if (!only || more.length) throw badRequest("<d:not> takes exactly one condition", "invalid_search");
      return { op: "not", item: whereFilter(only) };
    }
    case "is-collection":
      return { op: "folder", value: true };
    case "like":
    case "eq": {
      const key = onlyProperty(element);
      const meaning = SEARCHABLE[key];
      const literal = literalOf(element);
      if (meaning?.text) return element.local === "like" ? { op: "like", field: meaning.text, pattern: literal } : { op: "eq", field: meaning.text, value: literal };
      if (meaning?.favorite && element.local === "eq") return { op: "favorite", value: ["1", "true", "yes"].includes(literal.trim().toLowerCase()) };
      if (meaning?.number && element.local === "eq") return { op: "compare", field: meaning.number, cmp: "eq", value: numberLiteral(literal, meaning.number) };
      throw unsupported(`${element.local} on ${key}`);
    }
    case "gt":
    case "gte":
    case "lt":
    case "lte": {
      const key = onlyProperty(element);
      const field = SEARCHABLE[key]?.number;
      if (!field) throw unsupported(`${element.local} on ${key}`);
      return { op: "compare", field, cmp: element.local, value: numberLiteral(literalOf(element), field) };
    }
    default:
      throw unsupported(`<d:${element.local}>`);
  }
}

export function orderOf(orderby: XmlElement | undefined): { field: OrderField; descending: boolean }[] {
  return (orderby?.children ?? [])
    .filter((o) => o.ns === DAV_NS && o.local === "order")
    .map((o) => {
      const key = onlyProperty(o);
      const field = ORDERABLE[key];
      if (!field) throw unsupported(`ordering by ${key}`);
      return { field, descending: Boolean(child(o, DAV_NS, "descending")) };
    });
}

/** Nextcloud's paging extension to `<d:limit>`. */
const SEARCHDAV_NS = "https://github.com/icewind1991/SearchDAV/ns";

function wholeNumber(element: XmlElement | undefined, what: string): number | undefined {
  const n = element?.text.trim();
  if (n === undefined) return undefined;
  if (!/^\d{1,9}$/.test(n)) throw badRequest(`<${what}> must be a whole number`, "invalid_search");
  return Number(n);
}

export function limitOf(limit: XmlElement | undefined): { limit?: number; offset?: number } {
  return { limit: wholeNumber(child(limit, DAV_NS, "nresults"), "d:nresults"), offset: wholeNumber(child(limit, SEARCHDAV_NS, "firstresult"), "firstresult") };
}
