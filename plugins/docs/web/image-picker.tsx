import { useEffect, useRef, useState } from "preact/hooks";
import { can, folderAt, type FileNode } from "../../../web/src/api/files";
import { language, t } from "../../../web/src/i18n";
import { describeError } from "../../../web/src/ui/errors";
import { FileIcon } from "../../../web/src/views/files/file-icon";
import { PickerPath } from "../../../web/src/views/files/picker-path";

interface ImagePickerProps {
  startPath: string;
  /** Resolves once the picture is in the document; a refusal is shown in the dialog. */
  onPick: (image: FileNode) => Promise<void>;
  onClose: () => void;
}

const isImage = (n: FileNode) => !n.isFolder && n.mime.startsWith("image/");

/** "Insérer une image": browses the user's folders, as the destination picker does, and lists their pictures. */
export function ImagePicker({ startPath, onPick, onClose }: ImagePickerProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [path, setPath] = useState(startPath);
  const [items, setItems] = useState<FileNode[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);

  useEffect(() => {
    let live = true;
    setItems(null);
    setError(null);
    folderAt(path)
      .then((details) => {
        if (!live) return;
        const collator = new Intl.Collator(language.value, { numeric: true, sensitivity: "base" });
        const shown = details.children.filter((c) => c.isFolder || (isImage(c) && can.read(c)));
        // Folders first, then pictures, each by name.
        setItems(shown.sort((a, b) => Number(b.isFolder) - Number(a.isFolder) || collator.compare(a.name, b.name)));
      })
      .catch((failure: unknown) => live && setError(describeError(failure)));
    return () => {
      live = false;
    };
  }, [path]);

  const pick = async (image: FileNode) => {
    if (busy) return;
    setBusy(true);
    setError(null);
    try {
      await onPick(image);
      onClose();
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} class="dialog folder-picker docs-image-picker" aria-labelledby="image-picker-title" onCancel={onClose}>
      <h2 id="image-picker-title">{t("docs.image")}</h2>
      <PickerPath path={path} onPath={setPath} />
      {items === null && !error && <p role="status">{t("common.loading")}</p>}
      {items && (
        <ul class="picker-list">
          {items.map((item) => (
            <li key={item.id}>
              <button
                type="button"
                class="picker-folder"
                disabled={busy}
                aria-label={item.isFolder ? item.name : t("docs.imagePick", { name: item.name })}
                onClick={() => (item.isFolder ? setPath(item.path) : void pick(item))}
              >
                <FileIcon node={item} />
                <span>{item.name}</span>
              </button>
            </li>
          ))}
        </ul>
      )}
      {items && !items.some(isImage) && <p>{t("docs.imageNone")}</p>}
      {error && (
        <p class="status status-error" role="alert">
          {error}
        </p>
      )}
      <div class="dialog-actions">
        <button type="button" class="button" onClick={onClose}>
          {t("docs.close")}
        </button>
      </div>
    </dialog>
  );
}
