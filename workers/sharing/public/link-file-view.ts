import type { Context } from "hono";
import type { HtmlEscapedString } from "hono/utils/html";
import type { AppEnv } from "../../http/app-env";
import type { LinkedFile, PluginLinkView } from "../../plugin/define";
import type { FileNode } from "../../storage/tree";
import { fileServiceFor } from "../../webdav/context";
import { resourceHref } from "./link-hrefs";
import { linkLanguage } from "./link-text";
import { linkPrincipal } from "./link-principal";
import { LinkView } from "./link-view";
import type { ResolvedLink } from "./resolve-link";

/** How the plugin that opens a file shows it on a link's page, when one does. */
export function linkViewOf(c: Context<AppEnv>, node: FileNode): PluginLinkView | undefined {
  return node.isFolder ? undefined : c.var.plugins.handlerFor(node.name, node.mime)?.linkView;
}

/** A file at `names` in the link, handed to its plugin with the link initiator's rights. */
export async function linkedFile(c: Context<AppEnv>, link: ResolvedLink, token: string, names: readonly string[], node: FileNode): Promise<LinkedFile> {
  return {
    node,
    permissions: new LinkView(c.var.db, link).bitsOn(node),
    principal: await linkPrincipal(link.share),
    lang: linkLanguage(c.req.header("Accept-Language")),
    env: c.env,
    files: fileServiceFor(c, { user: link.initiator }),
    resourceHref: (key) => resourceHref({ token }, names, key),
  };
}

/**
 * The plugin's view of a file for its page, or null for the plain page. A view that fails leaves the
 * plain page (size, date, Download): a visitor still gets the file.
 */
export async function renderLinked(c: Context<AppEnv>, view: PluginLinkView | undefined, file: LinkedFile): Promise<HtmlEscapedString | null> {
  if (!view) return null;
  try {
    return await view.render(file);
  } catch (error) {
    console.error(`[core] link view of file ${file.node.id} failed`, error);
    return null;
  }
}
