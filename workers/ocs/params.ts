import type { Context } from "hono";
import { z } from "zod";
import { describeIssues } from "../http/validate";
import { OcsError } from "./envelope";

export type OcsParams = Record<string, string | string[]>;

function addParam(params: OcsParams, rawKey: string, value: string) {
  // PHP-style `groups[]=a&groups[]=b` is how Nextcloud's clients send lists.
  const key = rawKey.endsWith("[]") ? rawKey.slice(0, -2) : rawKey;
  const existing = params[key];
  if (rawKey.endsWith("[]")) params[key] = [...(Array.isArray(existing) ? existing : existing ? [existing] : []), value];
  else params[key] = value;
}

function fromJson(body: unknown): OcsParams {
  if (typeof body !== "object" || body === null || Array.isArray(body)) throw new OcsError(400, "The JSON body must be an object");
  const params: OcsParams = {};
  for (const [key, value] of Object.entries(body)) {
    if (Array.isArray(value)) params[key.replace(/\[\]$/, "")] = value.map(String);
    else if (value !== null && typeof value !== "object") params[key] = String(value);
    else if (value !== null) throw new OcsError(400, `Field ${key} must be a string, a number or a list`);
  }
  return params;
}

/** OCS takes parameters from the query string, a form or JSON, as Nextcloud does. */
export async function readOcsParams(c: Context): Promise<OcsParams> {
  const params: OcsParams = {};
  const url = new URL(c.req.url);
  for (const [key, value] of url.searchParams) if (key !== "format") addParam(params, key, value);
  if (c.req.method === "GET" || c.req.method === "HEAD") return params;
  const type = c.req.header("Content-Type") ?? "";
  if (type.includes("application/json")) {
    let body: unknown;
    try {
      body = await c.req.json();
    } catch {
      throw new OcsError(400, "Malformed JSON body");
    }
    return { ...params, ...fromJson(body) };
  }
  if (type.includes("application/x-www-form-urlencoded") || type.includes("multipart/form-data")) {
    let form: FormData;
    try {
      form = await c.req.formData();
    } catch {
      throw new OcsError(400, "Malformed form body");
    }
    for (const [key, value] of form) if (typeof value === "string") addParam(params, key, value);
  }
  return params;
}

/** Validates OCS parameters; bad input is OCS code 101 (Nextcloud's "invalid input"). */
export async function ocsInput<T extends z.ZodType>(c: Context, schema: T): Promise<z.output<T>> {
  const result = schema.safeParse(await readOcsParams(c));
  if (!result.success) throw new OcsError(101, describeIssues(result.error));
  return result.data;
}

/** A list field that a client may send once (`groups=a`) or many times (`groups[]=a`). */
export const listParam = (item: z.ZodType<string>) =>
  z.preprocess((v) => (v === undefined ? [] : Array.isArray(v) ? v : [v]), z.array(item).max(100));
