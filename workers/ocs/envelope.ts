import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import { ApiError } from "../http/errors";

/** Nextcloud's OCS result codes that have a meaning of their own. */
export const OCS_UNAUTHORISED = 997;
export const OCS_NOT_FOUND = 998;

/** An OCS failure: `code` goes into meta.statuscode; the HTTP status follows Nextcloud's v1/v2 rules. */
export class OcsError extends Error {
  constructor(
    readonly code: number,
    message: string,
  ) {
    super(message);
  }
}

type OcsVersion = 1 | 2;

export function ocsVersion(c: Context): OcsVersion {
  return c.req.path.startsWith("/ocs/v1.php") ? 1 : 2;
}

function wantsJson(c: Context): boolean {
  const format = c.req.query("format");
  if (format) return format === "json";
  return (c.req.header("Accept") ?? "").includes("application/json");
}

function httpStatus(version: OcsVersion, code: number): ContentfulStatusCode {
  if (code === OCS_UNAUTHORISED) return 401;
  if (version === 1) return 200;
  if (code === 100 || code === 200) return 200;
  if (code === OCS_NOT_FOUND) return 404;
  if (code === 996 || code === 999) return 500;
  if (code < 200 || code > 599) return 400;
  return code as ContentfulStatusCode;
}

const escapeXml = (s: string) =>
  s.replace(/[<>&"']/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;", '"': "&quot;", "'": "&apos;" })[ch]!);

function toXml(value: unknown, indent: string): string {
  if (value === null || value === undefined) return "";
  if (typeof value === "boolean") return value ? "1" : "";
  if (typeof value !== "object") return escapeXml(String(value));
  const entries = Array.isArray(value) ? value.map((v) => ["element", v] as const) : Object.entries(value);
  const inner = entries
    .map(([key, v]) => {
      const name = /^[A-Za-z_][\w.-]*$/.test(key) ? key : "element";
      const body = toXml(v, indent + " ");
      return `${indent} <${name}>${typeof v === "object" && v !== null && body ? `${body}\n${indent} ` : body}</${name}>`;
    })
    .join("\n");
  return inner ? `\n${inner}` : "";
}

function render(c: Context, code: number, message: string, data: unknown, totalItems = "") {
  const version = ocsVersion(c);
  const ok = code === 100 || code === 200;
  const statuscode = ok ? (version === 1 ? 100 : 200) : code;
  const meta = { status: ok ? "ok" : "failure", statuscode, message, totalitems: totalItems, itemsperpage: "" };
  const status = httpStatus(version, ok ? 200 : code);
  if (wantsJson(c)) return c.json({ ocs: { meta, data } }, status);
  const xml = `<?xml version="1.0"?>\n<ocs>\n <meta>${toXml(meta, " ")}\n </meta>\n <data>${toXml(data, " ")}\n </data>\n</ocs>\n`;
  return c.body(xml, status, { "Content-Type": "application/xml; charset=utf-8" });
}

export function ocsOk(c: Context, data: unknown = []) {
  return render(c, 200, "OK", data);
}

/** Maps any error thrown inside an OCS route to the envelope clients parse. */
export function ocsFailure(c: Context, error: unknown) {
  if (error instanceof OcsError) return render(c, error.code, error.message, []);
  if (error instanceof ApiError) {
    const code = error.status === 401 ? OCS_UNAUTHORISED : error.status === 404 ? OCS_NOT_FOUND : error.status;
    const response = render(c, code, error.message, []);
    for (const [name, value] of Object.entries(error.headers)) response.headers.set(name, value);
    return response;
  }
  console.error("[ocs] unexpected error", error);
  return render(c, 996, "Internal error", []);
}
