import type { Context } from "hono";
import { parseBasic } from "../../accounts/authenticate";
import type { AppEnv } from "../../http/app-env";
import { notFound, unauthorized } from "../../http/errors";
import { checkLinkPassword, hasPasswordProof } from "./link-password";
import { resolveLink, type ResolvedLink } from "./resolve-link";

/**
 * A link opened by a WebDAV client: 404 when it is not live, 401 (a Basic challenge) until its
 * password comes, as Basic auth's password or as the page's proof cookie; 429 after too many failures.
 * `token` is undefined on the legacy door, which takes it as the Basic user.
 */
export async function openLinkForDav(c: Context<AppEnv>, token: string | undefined): Promise<{ link: ResolvedLink; token: string }> {
  const basic = parseBasic(c.req.header("Authorization"));
  const wanted = token ?? basic?.login;
  if (!wanted) throw unauthorized("Give the link's token as the user name");
  const link = await resolveLink(c.var.db, wanted);
  if (!link) throw notFound("This link does not exist or is no longer valid");
  if (link.share.passwordHash && !(await hasPasswordProof(c, link))) {
    if (!basic) throw unauthorized("This link is protected by a password");
    if (!(await checkLinkPassword(c, link, basic.secret))) throw unauthorized("Wrong password for this link");
  }
  return { link, token: wanted };
}
