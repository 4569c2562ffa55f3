import type { AnyExtension, Attributes } from "@tiptap/core";
import Image, { type ImageOptions } from "@tiptap/extension-image";
import Link from "@tiptap/extension-link";
import { OrderedList, TaskItem, TaskList } from "@tiptap/extension-list";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import type { Node } from "@tiptap/pm/model";
import { displaySrc, type AttachmentUrl } from "./api";

/**
 * Links keep only what the server's schema (plugins/docs/markdown/schema.ts) has: target, rel and
 * class are how they render here, not part of the document.
 */
const DocumentLink = Link.extend({
  addAttributes() {
    return { href: { default: null, parseHTML: (element: HTMLElement) => element.getAttribute("href") }, title: { default: null } };
  },
});

/** Numbered lists keep their start only: the list style (`type`) has no Markdown form. */
const DocumentOrderedList = OrderedList.extend({
  addAttributes() {
    const { start } = this.parent!() as Attributes;
    return { start: start! };
  },
});

/** Cells without `align`, which the server's schema lacks. */
const withoutAlign = <T extends typeof TableCell | typeof TableHeader>(cell: T) =>
  cell.extend({
    addAttributes() {
      const { align: _align, ...kept } = this.parent!() as Attributes;
      return kept;
    },
  });

/**
 * Inline pictures with the schema's attributes only. A picture attached to the document is named by
 * its relative path in the Markdown, and shown through the plugin's route.
 */
const DocumentImage = Image.extend<ImageOptions & { docId: number; attachmentUrl?: AttachmentUrl }>({
  addOptions() {
    return { ...this.parent!(), docId: 0, attachmentUrl: undefined };
  },
  addAttributes() {
    return { src: { default: null }, alt: { default: null }, title: { default: null } };
  },
  addNodeView() {
    const { docId, attachmentUrl } = this.options;
    return ({ node }) => {
      const img = document.createElement("img");
      const show = (attrs: Record<string, unknown>) => {
        const src = displaySrc(docId, typeof attrs.src === "string" ? attrs.src : "", attachmentUrl);
        if (src) img.src = src;
        else img.removeAttribute("src");
        img.alt = typeof attrs.alt === "string" ? attrs.alt : "";
        if (typeof attrs.title === "string") img.title = attrs.title;
        else img.removeAttribute("title");
      };
      show(node.attrs);
      return {
        dom: img,
        update: (next) => {
          if (next.type.name !== "image") return false;
          show(next.attrs);
          return true;
        },
      };
    };
  },
});

/**
 * The document's nodes and marks: the server's schema (plugins/docs/markdown/schema.ts), node for node
 * and attribute for attribute, since the server rebuilds the Y.XmlFragment with its own schema and drops
 * an element it cannot build. test/clients/docs-editor-schema.test.ts compares the two.
 */
export function schemaExtensions(options: { docId: number; attachmentUrl?: AttachmentUrl; taskLabel: (node: Node, checked: boolean) => string }): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false, // Yjs keeps the history: each person undoes their own changes
      underline: false,
      link: false,
      orderedList: false,
      trailingNode: false, // every tab would add its own empty paragraph to the shared document
    }),
    DocumentOrderedList,
    DocumentLink.configure({ openOnClick: false, autolink: true, defaultProtocol: "https" }),
    TaskList,
    TaskItem.configure({ nested: true, a11y: { checkboxLabel: options.taskLabel } }),
    Table.configure({ resizable: false }),
    TableRow,
    withoutAlign(TableHeader),
    withoutAlign(TableCell),
    DocumentImage.configure({ inline: true, allowBase64: false, docId: options.docId, attachmentUrl: options.attachmentUrl }),
  ];
}
