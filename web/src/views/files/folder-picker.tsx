import { useEffect, useRef, useState } from "preact/hooks";
import { can, folderAt, parentPath, type FileNode } from "../../api/files";
import { language, t, tn } from "../../i18n";
import { describeError } from "../../ui/errors";
import { FileIcon } from "./file-icon";
import { pathSteps } from "./links";
import { PickerPath } from "./picker-path";

export type PickMode = "move" | "copy";

interface FolderPickerProps {
  nodes: readonly FileNode[];
  /** The folder the dialog opens on. */
  startPath: string;
  /** `taken`: the names already in the target, so that a copy can get a free one. */
  onPick: (target: FileNode, mode: PickMode, taken: ReadonlySet<string>) => void;
  onClose: () => void;
}

/** Whether `path` is `folder` itself or lies below it. */
const within = (path: string, folder: string) => path === folder || path.startsWith(`${folder}/`);

/**
 * "Choisir la destination": a small browser of folders in a native dialog, then Copier or Déplacer.
 * It offers only what the server would accept: a folder one may add to, not inside what is moved.
 */
export function FolderPicker({ nodes, startPath, onPick, onClose }: FolderPickerProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const [path, setPath] = useState(startPath);
  const [folder, setFolder] = useState<FileNode | null>(null);
  const [folders, setFolders] = useState<FileNode[]>([]);
  const [taken, setTaken] = useState<ReadonlySet<string>>(new Set());
  const [error, setError] = useState<string | null>(null);

  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
  }, []);

  useEffect(() => {
    let live = true;
    setError(null);
    // Nothing can be chosen until the new folder's rights are known.
    setFolder(null);
    folderAt(path)
      .then((details) => {
        if (!live) return;
        const collator = new Intl.Collator(language.value, { numeric: true, sensitivity: "base" });
        setFolder(details.node);
        setTaken(new Set(details.children.map((c) => c.name)));
        setFolders(details.children.filter((c) => c.isFolder).sort((a, b) => collator.compare(a.name, b.name)));
      })
      .catch((failure: unknown) => live && setError(describeError(failure)));
    return () => {
      live = false;
    };
  }, [path]);

  const movable = nodes.every(can.move);
  const intoItself = nodes.some((n) => n.isFolder && within(path, n.path));
  const alreadyThere = nodes.every((n) => parentPath(n.path) === path);
  const writable = folder !== null && can.create(folder) && !intoItself;
  const targetName = path === "/" ? t("files.home") : (pathSteps(path).pop()?.name ?? "");
  const pick = (mode: PickMode) => folder && onPick(folder, mode, taken);
  const title = nodes.length === 1 ? t("files.pickTitleOne", { name: nodes[0]!.name }) : tn("files.pickTitleMany", nodes.length);

  return (
    <dialog ref={dialog} class="dialog folder-picker" aria-labelledby="picker-title" onCancel={onClose}>
      <h2 id="picker-title">{title}</h2>
      <PickerPath path={path} onPath={setPath} />
      {error && (
        <p class="status status-error" role="alert">
          {error}
        </p>
      )}
      <ul class="picker-list" aria-label={t("files.pickFolders")}>
        {folders.map((f) => (
          <li key={f.id}>
            <button type="button" class="picker-folder" onClick={() => setPath(f.path)} disabled={nodes.some((n) => n.id === f.id)}>
              <FileIcon node={f} />
              {f.name}
            </button>
          </li>
        ))}
        {folder && folders.length === 0 && <li class="picker-empty">{t("files.pickNoFolders")}</li>}
      </ul>
      {folder && !can.create(folder) && <p class="hint">{t("files.pickReadOnly")}</p>}
      <div class="dialog-actions">
        <button type="button" class="button" onClick={onClose}>
          {t("action.cancel")}
        </button>
        <button type="button" class="button" disabled={!writable} onClick={() => pick("copy")}>
          {t("files.copyTo", { name: targetName })}
        </button>
        {movable && (
          <button type="button" class="button button-primary" disabled={!writable || alreadyThere} onClick={() => pick("move")}>
            {t("files.moveTo", { name: targetName })}
          </button>
        )}
      </div>
    </dialog>
  );
}
