import { randomToken } from "../../workers/accounts/crypto";
import { hashPassword } from "../../workers/accounts/password-hash";
import { insertShare, LINK_SHARE, type NewShare, type Share } from "../../workers/sharing/share-store";
import { READ } from "../../workers/sharing/permission-bits";
import { call, db } from "../support/accounts";
import { lifecycleUser } from "../support/lifecycle";

export type LinkOptions = Partial<Pick<NewShare, "permissions" | "expiresAt" | "note" | "label" | "hideDownload">> & { password?: string };

/** A public link on a node, as the OCS Share API makes one: a 15-character token, the password hashed. */
export async function createLink(initiatorId: string, nodeId: number, options: LinkOptions = {}): Promise<Share & { token: string }> {
  const { password, ...rest } = options;
  const share = await insertShare(db(), {
    shareType: LINK_SHARE,
    nodeId,
    initiatorId,
    permissions: READ,
    token: randomToken(15),
    passwordHash: password ? await hashPassword(password) : null,
    ...rest,
  });
  return share as Share & { token: string };
}

/** A teacher with their own tree for one test file, and links on their paths. */
export function linkOwner(id: string) {
  const user = lifecycleUser(id);
  return {
    ...user,
    /** A file's content as the owner reads it (bodies of any type, as text). */
    content: async (path: string) => bodyText(await user.files(path, "GET")),
    async link(path: string, options: LinkOptions = {}) {
      const node = await user.node(path);
      if (!node) throw new Error(`no node at ${path}`);
      return createLink(id, node.id, options);
    },
  };
}

/** A request on a link's WebDAV door; `path` is already percent-encoded. */
export function publicDav(token: string, method: string, path = "", init: RequestInit & { auth?: [string, string] } = {}) {
  return call(`/public.php/dav/files/${token}${path}`, { ...init, method });
}

export const PROPS =
  '<?xml version="1.0"?><d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><d:resourcetype/><d:getcontentlength/><oc:size/><oc:permissions/><d:quota-used-bytes/><oc:favorite/></d:prop></d:propfind>';

export const hrefsOf = (xml: string) => [...xml.matchAll(/<d:href>([^<]+)<\/d:href>/g)].map((m) => m[1]!);

/** The link's web page (or one of its routes), as a browser in France asks for it. */
export function linkPage(token: string, rest = "", init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  if (!headers.has("Accept-Language")) headers.set("Accept-Language", "fr-FR,fr;q=0.9");
  return call(`/s/${token}${rest}`, { redirect: "manual", ...init, headers });
}

/** A body read as text whatever its type (a PDF's bytes here are plain text). */
export const bodyText = async (res: Response) => new TextDecoder().decode(await res.arrayBuffer());

/** The password form of a link's page, answered as a browser does. */
export const submitLinkPassword = (token: string, password: string, headers: Record<string, string> = {}) =>
  linkPage(token, "/authenticate", { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded", ...headers }, body: new URLSearchParams({ password }) });

/** The proof cookie a browser would send back to the page. */
export const linkProofCookie = (res: Response) => res.headers.getAll("Set-Cookie").find((c) => c.includes("Path=/s/"))!.split(";")[0]!;

/** The `src` of every picture of a page, unescaped. */
export const imageSources = (body: string) => [...body.matchAll(/<img src="([^"]+)"/g)].map((m) => m[1]!.replaceAll("&amp;", "&"));

/** A resource of a file that its plugin shows on a link's page (`/s/TOKEN/resource?path=…&key=…`). */
export const linkResource = (token: string, key: string, path?: string, init: RequestInit = {}) =>
  linkPage(token, `/resource?${path ? `path=${encodeURIComponent(path)}&` : ""}key=${encodeURIComponent(key)}`, init);
