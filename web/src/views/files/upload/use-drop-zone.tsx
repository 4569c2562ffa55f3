import { useRef, useState } from "preact/hooks";
import { can, type FileNode } from "../../../api/files";
import { t } from "../../../i18n";
import { carriesFiles, dropEntries, fromDrop } from "./picked";
import { uploadInto } from "./upload-engine";

/**
 * Makes an element take files and folders dragged from the desktop into `folder`: spread `props` on
 * it, and render `overlay` inside it (it covers the element while something is dragged over). Drags
 * of the listing's own rows are left alone. Without the right to create there, a drop does nothing
 * (rather than the browser opening the file in place of the app).
 */
export function useDropZone(folder: FileNode | null) {
  const [over, setOver] = useState(false);
  // dragenter and dragleave fire for every child crossed: only the outermost pair counts.
  const depth = useRef(0);
  const allowed = folder !== null && can.create(folder);

  const props = {
    onDragEnter: (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      depth.current++;
      setOver(true);
    },
    onDragOver: (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer)) return;
      event.preventDefault();
      if (event.dataTransfer) event.dataTransfer.dropEffect = allowed ? "copy" : "none";
    },
    onDragLeave: (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer)) return;
      depth.current = Math.max(0, depth.current - 1);
      if (depth.current === 0) setOver(false);
    },
    onDrop: (event: DragEvent) => {
      if (!carriesFiles(event.dataTransfer) || !event.dataTransfer) return;
      event.preventDefault();
      depth.current = 0;
      setOver(false);
      if (!allowed || !folder) return;
      // Entries must be taken now: the browser empties the DataTransfer once the event is over.
      const dropped = dropEntries(event.dataTransfer);
      void fromDrop(dropped).then((picked) => uploadInto(folder, picked));
    },
  };

  const overlay =
    over && allowed && folder ? (
      <div class="upload-drop-overlay" aria-hidden="true">
        <p>{folder.path === "/" ? t("upload.dropHereRoot") : t("upload.dropHere", { name: folder.name })}</p>
      </div>
    ) : null;

  return { props, overlay, over };
}
