import MarkdownIt from "markdown-it";
import type StateCore from "markdown-it/lib/rules_core/state_core.mjs";
import type Token from "markdown-it/lib/token.mjs";
import { MarkdownParser } from "prosemirror-markdown";
import type { Node } from "prosemirror-model";
import { documentSchema } from "./schema";

const TASK_MARK = /^\[([ xX])\]\s+/;

/**
 * GitHub's task lists (`- [ ] …`) and table cells holding paragraphs are not in markdown-it's output
 * as the editor's schema wants them; this rule reshapes the token stream before the parser sees it.
 */
function reshapeTokens(state: StateCore) {
  const tokens = state.tokens;
  const out: Token[] = [];
  for (let i = 0; i < tokens.length; i++) {
    const token = tokens[i]!;
    if (token.type === "th_open" || token.type === "td_open") {
      out.push(token, new state.Token("paragraph_open", "p", 1));
      continue;
    }
    if (token.type === "th_close" || token.type === "td_close") {
      out.push(new state.Token("paragraph_close", "p", -1), token);
      continue;
    }
    out.push(token);
  }
  // A bullet list whose every item starts with [ ] or [x] is a task list.
  for (let i = 0; i < out.length; i++) {
    if (out[i]!.type !== "bullet_list_open") continue;
    const close = findClose(out, i, "bullet_list");
    const items = directItems(out, i, close);
    const checks = items.map((at) => out[at + 2]?.type === "inline" ? TASK_MARK.exec(out[at + 2]!.content) : null);
    if (!items.length || checks.some((c) => !c)) continue;
    out[i]!.type = "task_list_open";
    out[close]!.type = "task_list_close";
    items.forEach((at, k) => {
      out[at]!.type = "task_item_open";
      out[at]!.attrSet("checked", checks[k]![1] === " " ? "false" : "true");
      out[findClose(out, at, "list_item")]!.type = "task_item_close";
      const inline = out[at + 2]!;
      inline.content = inline.content.replace(TASK_MARK, "");
      const first = inline.children?.[0];
      if (first?.type === "text") first.content = first.content.replace(TASK_MARK, "");
    });
  }
  tokens.splice(0, tokens.length, ...out);
}

function findClose(tokens: Token[], open: number, kind: string): number {
  let depth = 0;
  for (let i = open; i < tokens.length; i++) {
    const type = tokens[i]!.type;
    if (type === `${kind}_open` || (kind === "list_item" && type === "task_item_open")) depth++;
    if (type === `${kind}_close` || (kind === "list_item" && type === "task_item_close")) depth--;
    if (depth === 0) return i;
  }
  return tokens.length - 1;
}

function directItems(tokens: Token[], open: number, close: number): number[] {
  const items: number[] = [];
  const level = tokens[open]!.level + 1;
  for (let i = open + 1; i < close; i++) if (tokens[i]!.type === "list_item_open" && tokens[i]!.level === level) items.push(i);
  return items;
}

const markdownIt = new MarkdownIt("default", { html: false, linkify: false });
markdownIt.core.ruler.push("cumulus_reshape", reshapeTokens);

const parser = new MarkdownParser(documentSchema, markdownIt, {
  paragraph: { block: "paragraph" },
  heading: { block: "heading", getAttrs: (tok) => ({ level: Number(tok.tag.slice(1)) }) },
  blockquote: { block: "blockquote" },
  bullet_list: { block: "bulletList" },
  ordered_list: { block: "orderedList", getAttrs: (tok) => ({ start: Number(tok.attrGet("start") ?? 1) }) },
  list_item: { block: "listItem" },
  task_list: { block: "taskList" },
  task_item: { block: "taskItem", getAttrs: (tok) => ({ checked: tok.attrGet("checked") === "true" }) },
  code_block: { block: "codeBlock", noCloseToken: true },
  fence: { block: "codeBlock", getAttrs: (tok) => ({ language: tok.info.trim() || null }), noCloseToken: true },
  hr: { node: "horizontalRule" },
  image: { node: "image", getAttrs: (tok) => ({ src: tok.attrGet("src"), title: tok.attrGet("title") || null, alt: tok.children?.[0]?.content || null }) },
  hardbreak: { node: "hardBreak" },
  table: { block: "table" },
  thead: { ignore: true },
  tbody: { ignore: true },
  tr: { block: "tableRow" },
  th: { block: "tableHeader" },
  td: { block: "tableCell" },
  em: { mark: "italic" },
  strong: { mark: "bold" },
  s: { mark: "strike" },
  link: { mark: "link", getAttrs: (tok) => ({ href: tok.attrGet("href"), title: tok.attrGet("title") || null }) },
  code_inline: { mark: "code", noCloseToken: true },
});

/** Markdown (what the association's files hold) to the editor's document. */
export function parseMarkdown(markdown: string): Node {
  return parser.parse(markdown);
}
