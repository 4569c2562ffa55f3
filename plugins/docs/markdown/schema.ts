import { Schema } from "prosemirror-model";

/**
 * The editor's document schema, with Tiptap's node and mark names (StarterKit, task lists, tables,
 * links, images), so that any y-prosemirror/Tiptap client and this server read one Y.XmlFragment alike.
 */
export const documentSchema = new Schema({
  nodes: {
    doc: { content: "block+" },
    paragraph: { content: "inline*", group: "block" },
    heading: { attrs: { level: { default: 1 } }, content: "inline*", group: "block", defining: true },
    blockquote: { content: "block+", group: "block", defining: true },
    bulletList: { content: "listItem+", group: "block" },
    orderedList: { attrs: { start: { default: 1 } }, content: "listItem+", group: "block" },
    listItem: { content: "paragraph block*", defining: true },
    taskList: { content: "taskItem+", group: "block" },
    taskItem: { attrs: { checked: { default: false } }, content: "paragraph block*", defining: true },
    codeBlock: { attrs: { language: { default: null } }, content: "text*", marks: "", group: "block", code: true, defining: true },
    horizontalRule: { group: "block" },
    table: { content: "tableRow+", group: "block", isolating: true },
    tableRow: { content: "(tableCell | tableHeader)*" },
    tableHeader: { attrs: { colspan: { default: 1 }, rowspan: { default: 1 }, colwidth: { default: null } }, content: "block+", isolating: true },
    tableCell: { attrs: { colspan: { default: 1 }, rowspan: { default: 1 }, colwidth: { default: null } }, content: "block+", isolating: true },
    image: { attrs: { src: {}, alt: { default: null }, title: { default: null } }, inline: true, group: "inline", draggable: true },
    hardBreak: { inline: true, group: "inline", selectable: false },
    text: { group: "inline" },
  },
  marks: {
    bold: {},
    italic: {},
    strike: {},
    code: { excludes: "_" },
    link: { attrs: { href: {}, title: { default: null } }, inclusive: false },
  },
});
