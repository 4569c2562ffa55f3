import { useRef } from "preact/hooks";
import type { FileNode } from "../../../api/files";
import { t } from "../../../i18n";
import { Menu } from "../menu";
import { fromFileList } from "./picked";
import { uploadInto } from "./upload-engine";

/** Folder picking is Chrome's, Edge's, Firefox's and desktop Safari's; phones mostly lack it. */
const canPickFolders = typeof document !== "undefined" && "webkitdirectory" in document.createElement("input");

/**
 * "Envoyer des fichiers": files, or a whole folder with its subfolders, into `folder`. The pickers
 * are hidden inputs (browsers open them from a script all the same) the menu's entries click; each
 * choice goes to the upload panel.
 */
export function UploadButton({ folder }: { folder: FileNode }) {
  const filesInput = useRef<HTMLInputElement>(null);
  const folderInput = useRef<HTMLInputElement>(null);

  const picked = (event: Event) => {
    const input = event.currentTarget as HTMLInputElement;
    if (input.files?.length) void uploadInto(folder, fromFileList(input.files));
    // The same file picked again (to resume after a reload) must fire `change` again.
    input.value = "";
  };

  return (
    <>
      <Menu label={t("upload.files")} buttonClass="button upload-button" face={<><span aria-hidden="true">↑</span><span class="upload-button-text">{t("upload.files")}</span></>}>
        {(close) => (
          <ul>
            <li>
              <button type="button" onClick={() => (close(), filesInput.current?.click())}>
                {t("upload.files")}
              </button>
            </li>
            {canPickFolders && (
              <li>
                <button type="button" onClick={() => (close(), folderInput.current?.click())}>
                  {t("upload.folder")}
                </button>
              </li>
            )}
          </ul>
        )}
      </Menu>
      <input ref={filesInput} type="file" multiple hidden aria-label={t("upload.pickFiles")} onChange={picked} />
      {canPickFolders && (
        // webkitdirectory is not in Preact's typings; Preact sets it as the (boolean) property every browser that has it knows.
        <input ref={folderInput} type="file" {...{ webkitdirectory: true }} hidden aria-label={t("upload.pickFolder")} onChange={picked} />
      )}
    </>
  );
}
