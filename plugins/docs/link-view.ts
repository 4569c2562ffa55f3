import { html, raw } from "hono/html";
import type { LinkedFile, PluginLinkView } from "../../workers/plugin/define";
import { attachmentNameOf, isAttachmentName } from "./attachments/folder";
import { attachmentResponse } from "./attachments/serve";

/** Past this, a link's page offers the document as a download only: rendering it would hold the page up. */
const MAX_SHOWN_BYTES = 2 * 1024 * 1024;

// Scoped to the article: the page around it is the core's.
const STYLE = `.doc{line-height:1.55;overflow-wrap:anywhere;margin:0 0 1rem}.doc img{max-width:100%;height:auto}
.doc table{border-collapse:collapse;display:block;overflow-x:auto}.doc th,.doc td{border:1px solid #c9d2dc;padding:.3rem .6rem;vertical-align:top}
.doc pre{background:#f4f6f8;padding:.8rem;overflow:auto}.doc code{font-family:ui-monospace,Menlo,Consolas,monospace}
.doc blockquote{border-left:3px solid #c9d2dc;margin-left:0;padding-left:1rem;color:#5b6b7b}.doc li.task{list-style:none}
.doc h1{font-size:1.5rem}.doc h2{font-size:1.25rem}.doc h3{font-size:1.1rem}`;

/**
 * A document on a public link's page, as Nextcloud Text shows it to visitors: its text rendered from the
 * Markdown file, with its own pictures served through the link. Pictures from elsewhere keep only their
 * description: the page loads nothing from outside.
 */
export const documentLinkView: PluginLinkView = {
  async render({ node, files, assetHref }: LinkedFile) {
    if (node.size > MAX_SHOWN_BYTES) return null;
    const object = await files.read(node);
    if (!object) return null;
    const { markdownImageSources, renderMarkdown } = await import("./export/markdown-to-html");
    const { tokens } = markdownImageSources(await object.text());
    for (const token of tokens) {
      for (const child of token.children ?? []) {
        if (child.type !== "image") continue;
        const name = attachmentNameOf(node.id, child.attrGet("src") ?? "");
        if (name && isAttachmentName(name)) child.attrSet("src", assetHref(name));
        else child.type = "text";
      }
    }
    return html`<style>${raw(STYLE)}</style><article class="doc">${raw(renderMarkdown(tokens))}</article>`;
  },

  asset({ node, files }: LinkedFile, key: string) {
    return isAttachmentName(key) ? attachmentResponse(files, node, key) : Promise.resolve(null);
  },
};
