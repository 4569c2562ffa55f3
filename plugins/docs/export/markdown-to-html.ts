import MarkdownIt from "markdown-it";
import type Token from "markdown-it/lib/token.mjs";
import type { LoadedImage } from "./images";

// No raw HTML from the Markdown, no bare-URL links: only what the Markdown says, escaped.
const markdownIt = new MarkdownIt("default", { html: false, linkify: false, typographer: false });

const escapeHtml = (text: string) => text.replace(/[&<>"']/g, (ch) => `&#${ch.charCodeAt(0)};`);

/** What the exported page may load: its own pictures (embedded) and pictures on the web; never a script. */
export const EXPORT_CSP = "default-src 'none'; img-src data: https:; style-src 'unsafe-inline'; base-uri 'none'; form-action 'none'";

const STYLE = `body{font-family:system-ui,-apple-system,"Segoe UI",Roboto,sans-serif;line-height:1.55;max-width:46rem;margin:2rem auto;padding:0 1rem;color:#1d1d1f}
img{max-width:100%}table{border-collapse:collapse}th,td{border:1px solid #bbb;padding:.3rem .6rem;vertical-align:top}
pre{background:#f4f4f5;padding:.8rem;overflow:auto}code{font-family:ui-monospace,Menlo,Consolas,monospace}
blockquote{border-left:3px solid #ccc;margin-left:0;padding-left:1rem;color:#555}li.task{list-style:none}`;

/** Every picture `src` in the Markdown, so that the document's own can be fetched before rendering. */
export function markdownImageSources(markdown: string): { tokens: Token[]; sources: string[] } {
  const tokens = markdownIt.parse(markdown, {});
  const sources: string[] = [];
  for (const token of tokens) for (const child of token.children ?? []) if (child.type === "image") sources.push(child.attrGet("src") ?? "");
  return { tokens, sources };
}

const TASK_MARK = /^\[([ xX])\] /;

/**
 * The editor's task lists (`- [x] done`, which markdown-it leaves as text) as ticked or empty boxes:
 * characters, not inputs, since nothing on a read-only page can tick them.
 */
function markTaskItems(tokens: Token[]): void {
  tokens.forEach((token, at) => {
    if (token.type !== "list_item_open" || tokens[at + 1]?.type !== "paragraph_open") return;
    const first = tokens[at + 2]?.children?.[0];
    const mark = first?.type === "text" ? TASK_MARK.exec(first.content) : null;
    if (!first || !mark) return;
    first.content = `${mark[1] === " " ? "☐" : "☑"} ${first.content.slice(mark[0].length)}`;
    token.attrJoin("class", "task");
  });
}

/** The HTML of parsed Markdown: raw HTML in it was escaped, and links to script or data refused, by markdown-it. */
export function renderMarkdown(tokens: Token[]): string {
  markTaskItems(tokens);
  return markdownIt.renderer.render(tokens, markdownIt.options, {});
}

function base64(bytes: Uint8Array): string {
  let binary = "";
  for (let i = 0; i < bytes.length; i += 0x8000) binary += String.fromCharCode(...bytes.subarray(i, i + 0x8000));
  return btoa(binary);
}

/**
 * A complete page that stands alone once downloaded: the document's pictures embedded as data URIs,
 * its own Content-Security-Policy in a meta tag, everything from the Markdown escaped.
 */
export function markdownToHtmlPage(title: string, tokens: Token[], images: ReadonlyMap<string, LoadedImage>): string {
  for (const token of tokens) {
    for (const child of token.children ?? []) {
      if (child.type !== "image") continue;
      const image = images.get(child.attrGet("src") ?? "");
      // SVG stays out: embedded, it could carry script into a page opened from the disk.
      if (image && image.mime !== "image/svg+xml") child.attrSet("src", `data:${image.mime};base64,${base64(image.bytes)}`);
    }
  }
  const body = renderMarkdown(tokens);
  return `<!DOCTYPE html>
<html>
<head>
<meta charset="utf-8">
<meta http-equiv="Content-Security-Policy" content="${EXPORT_CSP}">
<meta name="viewport" content="width=device-width, initial-scale=1">
<title>${escapeHtml(title)}</title>
<style>${STYLE}</style>
</head>
<body>
${body}</body>
</html>
`;
}
