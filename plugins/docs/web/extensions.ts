import type { AnyExtension } from "@tiptap/core";
import Collaboration from "@tiptap/extension-collaboration";
import CollaborationCaret from "@tiptap/extension-collaboration-caret";
import type { WebsocketProvider } from "y-websocket";
import type * as Y from "yjs";
import { t } from "../../../web/src/i18n";
import type { AttachmentUrl } from "./api";
import { shownName, type Presence } from "./presence-user";
import { schemaExtensions } from "./schema-extensions";

/** Draws a remote caret with the person's name; colours through the style object, never parsed CSS. */
function renderCaret(user: Record<string, unknown>): HTMLElement {
  const caret = document.createElement("span");
  caret.className = "collaboration-carets__caret";
  const color = typeof user.color === "string" ? user.color : "#0082c9";
  caret.style.borderColor = color;
  const label = document.createElement("span");
  label.className = "collaboration-carets__label";
  label.style.backgroundColor = color;
  label.textContent = typeof user.name === "string" ? shownName(user, user.name) : "";
  caret.append(label);
  return caret;
}

/** The document's extensions, bound to the shared Y.Doc, with the others' carets. */
export function documentExtensions(options: { doc: Y.Doc; provider: WebsocketProvider; user: Presence; docId: number; attachmentUrl?: AttachmentUrl }): AnyExtension[] {
  return [
    ...schemaExtensions({
      docId: options.docId,
      attachmentUrl: options.attachmentUrl,
      taskLabel: (node, checked) => t(checked ? "docs.taskDone" : "docs.taskTodo", { text: node.textContent || t("docs.taskEmpty") }),
    }),
    Collaboration.configure({ document: options.doc, field: "default" }),
    CollaborationCaret.configure({ provider: options.provider, user: options.user, render: renderCaret }),
  ];
}
