import { html, raw } from "hono/html";
import { signCollabToken } from "../../workers/collab/tokens";
import type { LinkedFile, PluginLinkView } from "../../workers/plugin/define";
import { READ, UPDATE } from "../../workers/sharing/permission-bits";
import { attachmentNameOf, isAttachmentName } from "./attachments/folder";
import { attachmentResponse } from "./attachments/serve";
import { docsRoomName } from "./room-stub";

/** Past this, a link's page offers the document as a download only: rendering it would hold the page up. */
const MAX_SHOWN_BYTES = 2 * 1024 * 1024;

/** The link's resources besides pictures (picture names always carry an image extension, these never do). */
const EDITOR = "editor";
const COLLAB_TOKEN = "collab-token";

// Scoped to the article: the page around it is the core's.
const STYLE = `.doc{line-height:1.55;overflow-wrap:anywhere;margin:0 0 1rem}.doc img{max-width:100%;height:auto}
.doc table{border-collapse:collapse;display:block;overflow-x:auto}.doc th,.doc td{border:1px solid #c9d2dc;padding:.3rem .6rem;vertical-align:top}
.doc pre{background:#f4f6f8;padding:.8rem;overflow:auto}.doc code{font-family:ui-monospace,Menlo,Consolas,monospace}
.doc blockquote{border-left:3px solid #c9d2dc;margin-left:0;padding-left:1rem;color:#5b6b7b}.doc li.task{list-style:none}
.doc h1{font-size:1.5rem}.doc h2{font-size:1.25rem}.doc h3{font-size:1.1rem}`;

const EDIT_LABEL = { fr: "Modifier le document", en: "Edit the document" } as const;

/** The text as HTML, the document's own pictures served through the link. */
async function renderText({ node, files, resourceHref }: LinkedFile) {
  const object = await files.read(node);
  if (!object) return null;
  const { markdownImageSources, renderMarkdown } = await import("./export/markdown-to-html");
  const { tokens } = markdownImageSources(await object.text());
  for (const token of tokens) {
    for (const child of token.children ?? []) {
      if (child.type !== "image") continue;
      const name = attachmentNameOf(node.id, child.attrGet("src") ?? "");
      if (name && isAttachmentName(name)) child.attrSet("src", resourceHref(name));
      else child.type = "text";
    }
  }
  return renderMarkdown(tokens);
}

/**
 * The live editor for the link's visitors: the web app's page, told which editor to load instead of
 * the app. It lives under the link's address, so the link's password proof reaches what it asks for.
 */
async function editorPage({ env }: LinkedFile): Promise<Response | null> {
  const page = await env.ASSETS?.fetch(new Request("https://assets.invalid/"));
  if (!page?.ok) return null;
  const named = new HTMLRewriter()
    .on("body", {
      element(body) {
        body.setAttribute("data-plugin", "docs");
        body.setAttribute("data-editor", "document");
      },
    })
    .transform(new Response(page.body, page));
  const headers = new Headers(named.headers);
  headers.set("Cache-Control", "no-store");
  headers.set("X-Robots-Tag", "noindex, nofollow");
  return new Response(named.body, { status: 200, headers });
}

/** A writer's pass to the document's room for the link's visitors, who act there as the link itself. */
async function collabGrant({ node, principal, files }: LinkedFile): Promise<Response> {
  const token = await signCollabToken(files.db, { room: docsRoomName(node.id), user: principal, access: "write" });
  const body = { token, readOnly: false, fileId: node.id, name: node.name };
  return Response.json(body, { headers: { "Cache-Control": "no-store" } });
}

/**
 * A document on a public link's page, as Nextcloud Text shows it to visitors: its text rendered from the
 * Markdown file, with its own pictures served through the link. Pictures from elsewhere keep only their
 * description: the page loads nothing from outside. A link that allows editing offers the live editor.
 */
export const documentLinkView: PluginLinkView = {
  async render(file: LinkedFile) {
    if (file.node.size > MAX_SHOWN_BYTES) return null;
    const text = await renderText(file);
    if (text === null) return null;
    const edit = file.permissions & UPDATE ? html`<p><a class="button" href="${file.resourceHref(EDITOR)}">${EDIT_LABEL[file.lang]}</a></p>` : "";
    return html`<style>${raw(STYLE)}</style>${edit}<article class="doc">${raw(text)}</article>`;
  },

  async resource(file: LinkedFile, key: string) {
    if (!(file.permissions & READ)) return null;
    if (key === EDITOR || key === COLLAB_TOKEN) {
      // The live room is for those who may edit: its awareness shows who is there, by name.
      if (!(file.permissions & UPDATE)) return null;
      return key === EDITOR ? editorPage(file) : collabGrant(file);
    }
    return isAttachmentName(key) ? attachmentResponse(file.files, file.node, key) : null;
  },
};
