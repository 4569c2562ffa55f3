import { ApiError } from "../http/errors";

export const DAV_REALM = 'Basic realm="Cumulus", charset="UTF-8"';

const escapeXml = (s: string) => s.replace(/[<>&]/g, (ch) => ({ "<": "&lt;", ">": "&gt;", "&": "&amp;" })[ch]!);

/** The error body sabre/dav (and so Nextcloud) sends; clients show `s:message`. */
export function davErrorResponse(error: unknown): Response {
  const status = error instanceof ApiError ? error.status : 500;
  const message = error instanceof ApiError ? error.message : "Internal error";
  const exception = error instanceof ApiError ? error.code : "internal_error";
  const body = `<?xml version="1.0" encoding="utf-8"?>\n<d:error xmlns:d="DAV:" xmlns:s="http://sabredav.org/ns"><s:exception>${escapeXml(exception)}</s:exception><s:message>${escapeXml(message)}</s:message></d:error>\n`;
  const headers = new Headers({ "Content-Type": "application/xml; charset=utf-8" });
  if (error instanceof ApiError) for (const [name, value] of Object.entries(error.headers)) headers.set(name, value);
  // neon (litmus, cadaver) sends credentials only after a challenge.
  if (status === 401) headers.set("WWW-Authenticate", DAV_REALM);
  return new Response(body, { status, headers });
}
