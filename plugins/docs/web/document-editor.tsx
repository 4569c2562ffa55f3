import { useState } from "preact/hooks";
import { parentPath } from "../../../web/src/api/files";
import { formatDateTime } from "../../../web/src/i18n/format";
import { t } from "../../../web/src/i18n";
import type { PluginEditorProps } from "../../../web/src/plugins/web-entry";
import { me } from "../../../web/src/state/session";
import { Status } from "../../../web/src/ui/status";
import { useAction } from "../../../web/src/ui/use-action";
import { NameDialog } from "../../../web/src/views/files/name-dialog";
import { attachImage, fetchCollabGrant, takeSnapshot } from "./api";
import { DocumentActions } from "./document-actions";
import { EditorFrame } from "./editor-frame";
import { ImagePicker } from "./image-picker";
import { LinkDialog } from "./link-dialog";
import { BackToFolder, MissingFile, useFile } from "./page-parts";
import { presenceOf } from "./presence-user";
import { DocumentSession } from "./session";
import { useDocumentEditor } from "./use-document-editor";
import "./editor.css";

type Dialog = "link" | "image" | "snapshot" | null;

/** The collaborative editor for one Markdown document: the whole page at /apps/docs/document/<fileId>. */
export function DocumentEditor({ fileId }: PluginEditorProps) {
  const user = me.value!;
  const [session] = useState(() => new DocumentSession(fileId, user.id, () => fetchCollabGrant(fileId)));
  const file = useFile(fileId);
  const [dialog, setDialog] = useState<Dialog>(null);
  const action = useAction();
  const editing = useDocumentEditor(session, { user: presenceOf(user), docId: fileId });
  const { editor, connection, editable } = editing;

  const name = file && file !== "missing" ? file.name : "";

  if (file === "missing" || connection === "missing") return <MissingFile />;

  const folder = file ? parentPath(file.path) : null;

  return (
    <EditorFrame
      session={session}
      editing={editing}
      title={name || t("common.loading")}
      back={<BackToFolder file={file || null} fileId={fileId} />}
      actions={<DocumentActions fileId={fileId} canSnapshot={editable} onSnapshot={() => setDialog("snapshot")} />}
      onLink={() => setDialog("link")}
      onImage={() => setDialog("image")}
      status={<Status state={action} />}
    >
      {dialog === "link" && editor && <LinkDialog editor={editor} onClose={() => setDialog(null)} />}
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
    </EditorFrame>
  );
}
