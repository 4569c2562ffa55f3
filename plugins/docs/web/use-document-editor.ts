import { Editor } from "@tiptap/core";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { t } from "../../../web/src/i18n";
import type { AttachmentUrl } from "./api";
import { documentExtensions } from "./extensions";
import type { Presence } from "./presence-user";
import type { DocumentSession } from "./session";

/**
 * The Tiptap editor of an open document, mounted in `host`, editable exactly while the session may
 * write: for a member in the app as for a public link's visitor.
 */
export function useDocumentEditor(session: DocumentSession, options: { user: Presence; docId: number; attachmentUrl?: AttachmentUrl }) {
  const [editor, setEditor] = useState<Editor | null>(null);
  const host = useRef<HTMLDivElement>(null);

  useEffect(() => () => session.destroy(), [session]);

  useEffect(() => {
    const created = new Editor({
      element: host.current!,
      editable: false,
      extensions: documentExtensions({ doc: session.doc, provider: session.provider, ...options }),
      editorProps: { attributes: { class: "docs-prose", "aria-label": t("docs.content"), "aria-multiline": "true", role: "textbox" } },
    });
    setEditor(created);
    return () => created.destroy();
  }, [session]);

  const connection = session.connection.value;
  const readOnly = session.accessKnown.value && session.readOnly.value;
  const editable = session.ready.value && session.accessKnown.value && !session.readOnly.value && connection !== "revoked" && connection !== "missing";
  // Before paint, in the same frame as the status line: "no longer allowed" never shows over an editor that still takes keys.
  useLayoutEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  return { editor, host, connection, readOnly, editable };
}
