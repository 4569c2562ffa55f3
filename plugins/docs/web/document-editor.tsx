import { Editor } from "@tiptap/core";
import { useEffect, useLayoutEffect, useRef, useState } from "preact/hooks";
import { parentPath } from "../../../web/src/api/files";
import { formatDateTime } from "../../../web/src/i18n/format";
import { t } from "../../../web/src/i18n";
import type { PluginEditorProps } from "../../../web/src/plugins/web-entry";
import { me } from "../../../web/src/state/session";
import { Status } from "../../../web/src/ui/status";
import { useAction } from "../../../web/src/ui/use-action";
import { NameDialog } from "../../../web/src/views/files/name-dialog";
import { attachImage, takeSnapshot } from "./api";
import { DocumentActions } from "./document-actions";
import { documentExtensions } from "./extensions";
import { ImagePicker } from "./image-picker";
import { BackToFolder, MissingFile, useFile } from "./page-parts";
import { PresenceList } from "./presence-list";
import { presenceOf } from "./presence-user";
import { SaveStatus } from "./save-status";
import { DocumentSession } from "./session";
import { Toolbar } from "./toolbar";
import "./editor.css";

type Dialog = "link" | "image" | "snapshot" | null;

/** The collaborative editor for one Markdown document: the whole page at /apps/docs/document/<fileId>. */
export function DocumentEditor({ fileId }: PluginEditorProps) {
  const user = me.value!;
  const [session] = useState(() => new DocumentSession(fileId, user.id));
  const file = useFile(fileId);
  const [editor, setEditor] = useState<Editor | null>(null);
  const [dialog, setDialog] = useState<Dialog>(null);
  const host = useRef<HTMLDivElement>(null);
  const action = useAction();

  useEffect(() => () => session.destroy(), [session]);

  useEffect(() => {
    const created = new Editor({
      element: host.current!,
      editable: false,
      extensions: documentExtensions({ doc: session.doc, provider: session.provider, user: presenceOf(user), docId: fileId }),
      editorProps: { attributes: { class: "docs-prose", "aria-label": t("docs.content"), "aria-multiline": "true", role: "textbox" } },
    });
    setEditor(created);
    return () => created.destroy();
  }, [session]);

  const name = file && file !== "missing" ? file.name : "";

  const connection = session.connection.value;
  const readOnly = session.accessKnown.value && session.readOnly.value;
  const editable = session.ready.value && session.accessKnown.value && !session.readOnly.value && connection !== "revoked" && connection !== "missing";
  // Before paint, in the same frame as the status line: "no longer allowed" never shows over an editor that still takes keys.
  useLayoutEffect(() => {
    if (editor && editor.isEditable !== editable) editor.setEditable(editable);
  }, [editor, editable]);

  if (file === "missing" || connection === "missing") return <MissingFile />;

  const folder = file ? parentPath(file.path) : null;
  const currentLink = () => (editor?.getAttributes("link").href as string | undefined) ?? "";

  return (
    <div class="docs-page">
      <header class="docs-header docs-chrome">
        <BackToFolder file={file || null} fileId={fileId} />
        <SaveStatus session={session} />
        <PresenceList awareness={session.provider.awareness} />
        <DocumentActions fileId={fileId} canSnapshot={editable} onSnapshot={() => setDialog("snapshot")} />
      </header>
      {readOnly && (
        <p class="docs-notice docs-chrome" role="note">
          {t("docs.readOnly")}
        </p>
      )}
      {editor && !readOnly && <Toolbar editor={editor} disabled={!editable} onLink={() => setDialog("link")} onImage={() => setDialog("image")} />}
      <Status state={action} />
      <main id="main" class="docs-main" tabIndex={-1}>
        <h1 class="docs-title" tabIndex={-1}>
          {name || t("common.loading")}
        </h1>
        <div ref={host} class="docs-editor" />
      </main>
      {dialog === "link" && editor && (
        <NameDialog
          title={t("docs.linkTitle")}
          label={t("docs.linkAddress")}
          initial={currentLink() || "https://"}
          submitLabel={t("docs.linkApply")}
          onSubmit={async (href) => {
            const chain = editor.chain().focus().extendMarkRange("link");
            if (href === "https://") chain.unsetLink().run();
            else chain.setLink({ href }).run();
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === "snapshot" && (
        <NameDialog
          title={t("docs.snapshot")}
          label={t("docs.snapshotName")}
          initial={t("docs.snapshotDefault", { date: formatDateTime(Date.now()) })}
          submitLabel={t("action.save")}
          onSubmit={async (label) => {
            await takeSnapshot(fileId, label);
            void action.run(async () => {}, t("docs.snapshotDone", { label }));
          }}
          onClose={() => setDialog(null)}
        />
      )}
      {dialog === "image" && editor && (
        <ImagePicker
          startPath={folder ?? "/"}
          onPick={async (image) => {
            const src = await attachImage(fileId, image.id);
            editor.chain().focus().setImage({ src, alt: image.name }).run();
            void action.run(async () => {}, t("docs.imageInserted", { name: image.name }));
          }}
          onClose={() => setDialog(null)}
        />
      )}
    </div>
  );
}
