import type { AnyExtension } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import Image, { type ImageOptions } from "@tiptap/extension-image";
import Link from "@tiptap/extension-link";
import { TaskItem, TaskList } from "@tiptap/extension-list";
import { Table, TableCell, TableHeader, TableRow } from "@tiptap/extension-table";
import StarterKit from "@tiptap/starter-kit";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { t } from "../../../web/src/i18n";
import { displaySrc } from "./api";
import type { Presence } from "./presence-user";

/**
 * Links keep only what the server's schema (plugins/docs/markdown/schema.ts) has: target, rel and
 * class are how they render here, not part of the document.
 */
const DocumentLink = Link.extend({
  addAttributes() {
    return { href: { default: null, parseHTML: (element: HTMLElement) => element.getAttribute("href") }, title: { default: null } };
  },
});

/**
 * Inline pictures with the schema's attributes only. A picture attached to the document is named by
 * its relative path in the Markdown, and shown through the plugin's route.
 */
const DocumentImage = Image.extend<ImageOptions & { docId: number }>({
  addOptions() {
    return { ...this.parent!(), docId: 0 };
  },
  addAttributes() {
    return { src: { default: null }, alt: { default: null }, title: { default: null } };
  },
  addNodeView() {
    const docId = this.options.docId;
    return ({ node }) => {
      const img = document.createElement("img");
      const show = (attrs: Record<string, unknown>) => {
        const src = displaySrc(docId, typeof attrs.src === "string" ? attrs.src : "");
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

/** Draws a remote caret with the person's name; colours through the style object, never parsed CSS. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement("span");
  caret.className = "collaboration-carets__caret";
  const color = typeof user.color === "string" ? user.color : "#0082c9";
  caret.style.borderColor = color;
  const label = document.createElement("span");
  label.className = "collaboration-carets__label";
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === "string" ? user.name : "";
  caret.append(label);
  return caret;
}

/**
 * The editor's schema is the server's, node for node and attribute for attribute: the server rebuilds
 * the Y.XmlFragment with its own schema, and an element it cannot build is dropped.
 */
export function documentExtensions(options: { doc: Y.Doc; provider: WebsocketProvider; user: Presence; docId: number }): AnyExtension[] {
  return [
    StarterKit.configure({
      undoRedo: false, // Yjs keeps the history: each person undoes their own changes
      underline: false,
      link: false,
      trailingNode: false, // every tab would add its own empty paragraph to the shared document
    }),
    DocumentLink.configure({ openOnClick: false, autolink: true, defaultProtocol: "https" }),
    TaskList,
    TaskItem.configure({
      nested: true,
      a11y: { checkboxLabel: (node, checked) => t(checked ? "docs.taskDone" : "docs.taskTodo", { text: node.textContent || t("docs.taskEmpty") }) },
    }),
    Table.configure({ resizable: false }),
    TableRow,
    TableHeader,
    TableCell,
    DocumentImage.configure({ inline: true, allowBase64: false, docId: options.docId }),
    Collaboration.configure({ document: options.doc, field: "default" }),
    CollaborationCaret.configure({ provider: options.provider, user: options.user, render: renderCaret }),
  ];
}
