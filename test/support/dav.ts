import { call, STRONG_PASSWORD } from "./accounts";

export const ADMIN: [string, string] = ["admin", STRONG_PASSWORD];

/** A WebDAV request on admin's tree; `path` is already percent-encoded where it needs to be. */
export function dav(method: string, path: string, init: RequestInit & { auth?: [string, string] } = {}) {
  return call(`/remote.php/dav/files/admin${path}`, { auth: ADMIN, ...init, method });
}

export const enc = (path: string) => path.split("/").map(encodeURIComponent).join("/");

export async function propfind(path: string, body?: string, depth = "1") {
  const res = await dav("PROPFIND", path, { headers: { Depth: depth }, body });
  return { status: res.status, text: await res.text() };
}

export function etagOf(xml: string, href: string): string | undefined {
  const at = xml.indexOf(`<d:href>${href}</d:href>`);
  if (at < 0) return undefined;
  return /<d:getetag>&quot;([0-9a-f]+)&quot;<\/d:getetag>/.exec(xml.slice(at))?.[1];
}
