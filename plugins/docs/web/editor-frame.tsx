import type { ComponentChildren } from "preact";
import { t } from "../../../web/src/i18n";
import { PresenceList } from "./presence-list";
import { SaveStatus } from "./save-status";
import type { DocumentSession } from "./session";
import { Toolbar } from "./toolbar";
import type { useDocumentEditor } from "./use-document-editor";

interface EditorFrameProps {
  session: DocumentSession;
  editing: ReturnType<typeof useDocumentEditor>;
  title: string;
  /** The header's way back, first in it. */
  back: ComponentChildren;
  /** The header's last items (export, snapshot), where the reader has an account. */
  actions?: ComponentChildren;
  onLink: () => void;
  /** Absent where pictures cannot be added. */
  onImage?: () => void;
  /** Under the toolbar: what the last action did. */
  status?: ComponentChildren;
  /** The page's dialogs. */
  children?: ComponentChildren;
}

/** The page around an open document, for a member in the app as for a public link's visitor. */
export function EditorFrame({ session, editing, title, back, actions, onLink, onImage, status, children }: EditorFrameProps) {
  const { editor, host, readOnly, editable } = editing;
  return (
    <div class="docs-page">
      <header class="docs-header docs-chrome">
        {back}
        <SaveStatus session={session} />
        <PresenceList awareness={session.provider.awareness} />
        {actions}
      </header>
      {readOnly && (
        <p class="docs-notice docs-chrome" role="note">
          {t("docs.readOnly")}
        </p>
      )}
      {editor && !readOnly && <Toolbar editor={editor} disabled={!editable} onLink={onLink} onImage={onImage} />}
      {status}
      <main id="main" class="docs-main" tabIndex={-1}>
        <h1 class="docs-title" tabIndex={-1}>
          {title}
        </h1>
        <div ref={host} class="docs-editor" />
      </main>
      {children}
    </div>
  );
}
