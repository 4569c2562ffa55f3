import type { Mark, Node } from "prosemirror-model";
import { documentSchema as schema } from "../markdown/schema";
import { parseHtml, type HtmlChild, type HtmlElement } from "./html-tree";
import { isSafeHref } from "../safe-link";

/** What an `<img src>` becomes in the document; null drops the picture and keeps its alt text. */
export type ImageSource = (src: string) => string | null;

const HEADINGS: Record<string, number> = { h1: 1, h2: 2, h3: 3, h4: 4, h5: 5, h6: 6 };
const MARKS: Record<string, string> = { strong: "bold", b: "bold", em: "italic", i: "italic", s: "strike", del: "strike", strike: "strike", code: "code" };
const BLOCKS = new Set(["p", "h1", "h2", "h3", "h4", "h5", "h6", "ul", "ol", "table", "blockquote", "pre", "hr", "div", "section", "article", "header", "footer", "li", "dl"]);

const isBlock = (child: HtmlChild) => typeof child !== "string" && BLOCKS.has(child.name);
const elements = (el: HtmlElement, ...names: string[]) => el.children.filter((c): c is HtmlElement => typeof c !== "string" && names.includes(c.name));

/** Turns HTML (mammoth's output) into a document of the editor's schema; whatever it cannot place becomes text. */
export function htmlToDocument(html: string, imageSource: ImageSource): Node {
  const converter = new Converter(imageSource);
  const blocks = converter.blocks(parseHtml(html).children);
  return schema.node("doc", null, blocks.length ? blocks : [schema.node("paragraph")]);
}

class Converter {
  constructor(private readonly imageSource: ImageSource) {}

  /** Block content: runs of inline content between blocks become paragraphs. */
  blocks(children: readonly HtmlChild[]): Node[] {
    const out: Node[] = [];
    let run: HtmlChild[] = [];
    const flush = () => {
      const inline = this.inline(run, []);
      if (inline.some((n) => !n.isText || n.text!.trim() !== "")) out.push(schema.node("paragraph", null, trimInline(inline)));
      run = [];
    };
    for (const child of children) {
      if (!isBlock(child)) {
        run.push(child);
        continue;
      }
      flush();
      out.push(...this.block(child as HtmlElement));
    }
    flush();
    return out;
  }

  private block(el: HtmlElement): Node[] {
    const level = HEADINGS[el.name];
    if (level) return [schema.node("heading", { level }, trimInline(this.inline(el.children, [])))];
    switch (el.name) {
      case "p":
        return this.paragraphs(el);
      case "ul":
      case "ol":
        return this.list(el);
      case "table":
        return this.table(el);
      case "blockquote":
        return [schema.node("blockquote", null, nonEmpty(this.blocks(el.children)))];
      case "pre": {
        const text = textOf(el).replace(/\n$/, "");
        return [schema.node("codeBlock", null, text ? [schema.text(text)] : [])];
      }
      case "hr":
        return [schema.node("horizontalRule")];
      default:
        return this.blocks(el.children);
    }
  }

  /** A paragraph, or its blocks when Word nested some inside. */
  private paragraphs(el: HtmlElement): Node[] {
    if (el.children.some(isBlock)) return this.blocks(el.children);
    return [schema.node("paragraph", null, trimInline(this.inline(el.children, [])))];
  }

  private list(el: HtmlElement): Node[] {
    const items = elements(el, "li").map((li) => schema.node("listItem", null, listItemContent(this.blocks(li.children))));
    if (!items.length) return [];
    if (el.name === "ul") return [schema.node("bulletList", null, items)];
    const start = Number.parseInt(el.attrs.start ?? "1", 10);
    return [schema.node("orderedList", { start: Number.isFinite(start) && start > 0 ? start : 1 }, items)];
  }

  private table(el: HtmlElement): Node[] {
    const rows = [...elements(el, "tr"), ...elements(el, "thead", "tbody", "tfoot").flatMap((section) => elements(section, "tr"))];
    const built = rows
      .map((tr) =>
        elements(tr, "td", "th").map((cell) =>
          schema.node(cell.name === "th" ? "tableHeader" : "tableCell", { colspan: span(cell.attrs.colspan), rowspan: span(cell.attrs.rowspan) }, nonEmpty(this.blocks(cell.children))),
        ),
      )
      .filter((cells) => cells.length)
      .map((cells) => schema.node("tableRow", null, cells));
    return built.length ? [schema.node("table", null, built)] : [];
  }

  inline(children: readonly HtmlChild[], marks: readonly Mark[]): Node[] {
    const out: Node[] = [];
    for (const child of children) {
      if (typeof child === "string") {
        const text = child.replace(/\s+/g, " ");
        if (text) out.push(schema.text(text, marks));
        continue;
      }
      out.push(...this.inlineElement(child, marks));
    }
    return out;
  }

  private inlineElement(el: HtmlElement, marks: readonly Mark[]): Node[] {
    if (el.name === "br") return [schema.node("hardBreak")];
    if (el.name === "img") {
      const src = this.imageSource(el.attrs.src ?? "");
      const alt = el.attrs.alt?.trim() || null;
      if (src) return [schema.node("image", { src, alt })];
      return alt ? [schema.text(alt, marks)] : [];
    }
    const markName = MARKS[el.name];
    if (markName) return this.inline(el.children, schema.marks[markName]!.create().addToSet(marks));
    if (el.name === "a") {
      const href = el.attrs.href?.trim() ?? "";
      // Word's bookmarks and footnote anchors (#…) lead nowhere in a Markdown file; scripts never get a link.
      if (!isSafeHref(href)) return this.inline(el.children, marks);
      return this.inline(el.children, schema.marks.link!.create({ href }).addToSet(marks));
    }
    return this.inline(el.children, marks);
  }
}

function textOf(el: HtmlElement): string {
  return el.children.map((c) => (typeof c === "string" ? c : c.name === "br" ? "\n" : textOf(c))).join("");
}

const span = (value: string | undefined) => {
  const n = Number.parseInt(value ?? "1", 10);
  return Number.isFinite(n) && n > 0 ? n : 1;
};

const nonEmpty = (blocks: Node[]) => (blocks.length ? blocks : [schema.node("paragraph")]);

/** A list item starts with a paragraph (the schema says so); a nested list alone gets an empty one first. */
const listItemContent = (blocks: Node[]) => (blocks[0]?.type.name === "paragraph" ? blocks : [schema.node("paragraph"), ...blocks]);

/** No spaces at a paragraph's edges: they came from the HTML's layout, not from the text. */
function trimInline(nodes: Node[]): Node[] {
  const out = [...nodes];
  const edit = (i: number, f: (s: string) => string) => {
    const node = out[i];
    if (!node?.isText) return;
    const text = f(node.text!);
    if (text) out[i] = schema.text(text, node.marks);
    else out.splice(i, 1);
  };
  edit(0, (s) => s.trimStart());
  edit(out.length - 1, (s) => s.trimEnd());
  return out;
}
