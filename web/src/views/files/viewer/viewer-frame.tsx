import type { ComponentChildren } from "preact";
import { useEffect, useRef } from "preact/hooks";
import { contentUrl, type FileNode } from "../../../api/files";
import { t } from "../../../i18n";

interface ViewerFrameProps {
  node: FileNode;
  kind: "image" | "pdf" | "reader";
  onClose: () => void;
  /** Beside the name: "2 / 5" and the arrows of the lightbox. */
  tools?: ComponentChildren;
  onKeyDown?: (event: KeyboardEvent) => void;
  children: ComponentChildren;
}

/** A full-window modal dialog with the file's name, Télécharger and Fermer; Escape closes it and focus returns. */
export function ViewerFrame({ node, kind, onClose, tools, onKeyDown, children }: ViewerFrameProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    if (!dialog.current?.open) dialog.current?.showModal();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);
  return (
    <dialog ref={dialog} class={`viewer viewer-${kind}`} aria-labelledby="viewer-title" onCancel={(event) => (event.preventDefault(), onClose())} onKeyDown={onKeyDown}>
      <header class="viewer-header">
        <h2 id="viewer-title" title={node.name}>
          {node.name}
        </h2>
        {tools}
        <a class="button" href={contentUrl(node.id)} download={node.name}>
          {t("files.download")}
        </a>
        <button type="button" class="button" onClick={onClose}>
          {t("files.close")}
        </button>
      </header>
      <div class="viewer-body">{children}</div>
    </dialog>
  );
}
