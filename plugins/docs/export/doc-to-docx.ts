import {
  AlignmentType,
  BorderStyle,
  Document,
  ExternalHyperlink,
  HeadingLevel,
  ImageRun,
  LevelFormat,
  Packer,
  Paragraph,
  ShadingType,
  Table,
  TableCell,
  TableRow,
  TextRun,
  WidthType,
  type ILevelsOptions,
  type INumberingOptions,
  type IParagraphOptions,
  type ParagraphChild,
} from "docx";
import type { Mark, Node } from "prosemirror-model";
import { imageSize } from "./image-size";
import type { LoadedImage } from "./images";
import { isSafeHref } from "../safe-link";

const HEADINGS = [HeadingLevel.HEADING_1, HeadingLevel.HEADING_2, HeadingLevel.HEADING_3, HeadingLevel.HEADING_4, HeadingLevel.HEADING_5, HeadingLevel.HEADING_6];
const MONO = "Courier New";
/** Word's indent step, in twentieths of a point. */
const INDENT = 720;
/** Widest picture in the page, in pixels (A4 minus margins, roughly). */
const MAX_IMAGE_WIDTH = 600;
const DOCX_TYPES: Record<string, "png" | "jpg" | "gif"> = { "image/png": "png", "image/jpeg": "jpg", "image/gif": "gif" };

type Block = Paragraph | Table;

interface Place {
  /** Left indent in twips: lists and quotes nest. */
  indent: number;
  listLevel: number;
  quote: boolean;
  /** Table header cells are bold. */
  bold: boolean;
}

const TOP: Place = { indent: 0, listLevel: 0, quote: false, bold: false };

/** Builds a .docx from the editor's document: headings, marked text, lists, task lists, tables, links, code, quotes, pictures. */
export async function documentToDocx(doc: Node, title: string, images: ReadonlyMap<string, LoadedImage>): Promise<ArrayBuffer> {
  const writer = new DocxWriter(images);
  const children = writer.blocks(doc, TOP);
  const file = new Document({
    title,
    creator: "Cumulus",
    numbering: writer.numbering(),
    sections: [{ children: children.length ? children : [new Paragraph("")] }],
  });
  return Packer.toArrayBuffer(file);
}

class DocxWriter {
  /** One numbering definition per start value; each ordered list is an instance of it, so each restarts. */
  private readonly starts = new Set<number>();
  private instances = 0;

  constructor(private readonly images: ReadonlyMap<string, LoadedImage>) {}

  numbering(): INumberingOptions {
    const config = [...this.starts].map((start) => ({
      reference: `ordered-${start}`,
      levels: Array.from({ length: 9 }, (_, level): ILevelsOptions => ({
        level,
        format: LevelFormat.DECIMAL,
        text: `%${level + 1}.`,
        start: level === 0 ? start : 1,
        alignment: AlignmentType.START,
        style: { paragraph: { indent: { left: INDENT * (level + 1), hanging: 360 } } },
      })),
    }));
    return { config };
  }

  blocks(parent: Node, place: Place): Block[] {
    const out: Block[] = [];
    parent.forEach((node) => out.push(...this.block(node, place)));
    return out;
  }

  private paragraphOptions(place: Place): IParagraphOptions {
    return {
      ...(place.indent ? { indent: { left: place.indent } } : {}),
      ...(place.quote ? { border: { left: { style: BorderStyle.SINGLE, size: 12, color: "BBBBBB", space: 8 } } } : {}),
    };
  }

  private block(node: Node, place: Place): Block[] {
    switch (node.type.name) {
      case "paragraph":
        return [new Paragraph({ ...this.paragraphOptions(place), children: this.inline(node, place) })];
      case "heading":
        return [new Paragraph({ ...this.paragraphOptions(place), heading: HEADINGS[(node.attrs.level as number) - 1] ?? HeadingLevel.HEADING_6, children: this.inline(node, place) })];
      case "blockquote":
        return this.blocks(node, { ...place, indent: place.indent + INDENT / 2, quote: true });
      case "bulletList":
        return this.listItems(node, place, (level) => ({ bullet: { level } }));
      case "orderedList": {
        const start = Math.max(1, Number(node.attrs.start) || 1);
        this.starts.add(start);
        const instance = ++this.instances;
        return this.listItems(node, place, (level) => ({ numbering: { reference: `ordered-${start}`, level, instance } }));
      }
      case "taskList":
        return this.taskItems(node, place);
      case "codeBlock":
        return [this.code(node, place)];
      case "horizontalRule":
        return [new Paragraph({ ...this.paragraphOptions(place), border: { bottom: { style: BorderStyle.SINGLE, size: 6, color: "999999", space: 1 } } })];
      case "table":
        return [this.table(node, place)];
      default:
        return this.blocks(node, place);
    }
  }

  /** Each item's first paragraph carries the bullet or number; what follows is indented under it. */
  private listItems(list: Node, place: Place, marker: (level: number) => IParagraphOptions): Block[] {
    const out: Block[] = [];
    const level = Math.min(place.listLevel, 8);
    const inner: Place = { ...place, listLevel: place.listLevel + 1, indent: INDENT * (level + 1) };
    list.forEach((item) => {
      item.forEach((child, _offset, index) => {
        if (index === 0 && child.type.name === "paragraph") {
          out.push(new Paragraph({ ...this.paragraphOptions({ ...place, indent: 0 }), ...marker(level), children: this.inline(child, place) }));
        } else out.push(...this.block(child, inner));
      });
    });
    return out;
  }

  private taskItems(list: Node, place: Place): Block[] {
    const out: Block[] = [];
    const inner: Place = { ...place, listLevel: place.listLevel + 1, indent: place.indent + INDENT };
    list.forEach((item) => {
      const box = new TextRun({ text: item.attrs.checked ? "☒ " : "☐ " });
      item.forEach((child, _offset, index) => {
        if (index === 0 && child.type.name === "paragraph") {
          out.push(new Paragraph({ ...this.paragraphOptions({ ...place, indent: place.indent + INDENT / 2 }), children: [box, ...this.inline(child, place)] }));
        } else out.push(...this.block(child, inner));
      });
    });
    return out;
  }

  private code(node: Node, place: Place): Paragraph {
    const lines = node.textContent.split("\n");
    return new Paragraph({
      ...this.paragraphOptions(place),
      shading: { type: ShadingType.CLEAR, color: "auto", fill: "F4F4F5" },
      children: lines.map((line, i) => new TextRun({ text: line, font: MONO, ...(i ? { break: 1 } : {}) })),
    });
  }

  private table(node: Node, place: Place): Table {
    const rows: TableRow[] = [];
    node.forEach((row) => {
      const cells: TableCell[] = [];
      let allHeaders = row.childCount > 0;
      row.forEach((cell) => {
        const header = cell.type.name === "tableHeader";
        allHeaders &&= header;
        const content = this.blocks(cell, { ...TOP, bold: header });
        cells.push(
          new TableCell({
            children: content.length ? content : [new Paragraph("")],
            columnSpan: Number(cell.attrs.colspan) || 1,
            rowSpan: Number(cell.attrs.rowspan) || 1,
          }),
        );
      });
      if (cells.length) rows.push(new TableRow({ children: cells, ...(allHeaders ? { tableHeader: true } : {}) }));
    });
    return new Table({ rows: rows.length ? rows : [new TableRow({ children: [new TableCell({ children: [new Paragraph("")] })] })], width: { size: 100, type: WidthType.PERCENTAGE }, ...(place.indent ? { indent: { size: place.indent, type: WidthType.DXA } } : {}) });
  }

  inline(parent: Node, place: Place): ParagraphChild[] {
    const out: ParagraphChild[] = [];
    parent.forEach((node) => {
      if (node.type.name === "hardBreak") out.push(new TextRun({ break: 1 }));
      else if (node.type.name === "image") out.push(this.image(node));
      else if (node.isText) out.push(this.text(node.text ?? "", node.marks, place));
    });
    return out;
  }

  private text(text: string, marks: readonly Mark[], place: Place): ParagraphChild {
    const has = (name: string) => marks.some((m) => m.type.name === name);
    const link = marks.find((m) => m.type.name === "link");
    const href = typeof link?.attrs.href === "string" && isSafeHref(link.attrs.href) ? link.attrs.href : null;
    const run = new TextRun({
      text,
      bold: has("bold") || place.bold,
      italics: has("italic"),
      strike: has("strike"),
      ...(has("code") ? { font: MONO } : {}),
      ...(href ? { style: "Hyperlink" } : {}),
    });
    return href ? new ExternalHyperlink({ link: href, children: [run] }) : run;
  }

  /** The picture itself when it is one of the document's own in a type Word shows; its alt text otherwise. */
  private image(node: Node): ParagraphChild {
    const alt = (node.attrs.alt as string | null) ?? "";
    const image = this.images.get(node.attrs.src as string);
    const type = image && DOCX_TYPES[image.mime];
    const size = image && type ? imageSize(image.bytes, image.mime) : null;
    if (!image || !type || !size) return new TextRun({ text: `[${alt || "image"}]`, italics: true });
    const scale = Math.min(1, MAX_IMAGE_WIDTH / size.width);
    return new ImageRun({
      type,
      data: image.bytes,
      transformation: { width: Math.round(size.width * scale), height: Math.round(size.height * scale) },
      altText: { name: alt || "image", description: alt, title: alt },
    });
  }
}
