import { useEffect, useMemo, useState } from "preact/hooks";
import { can, folderAt } from "../../api/files";
import { sharesInFolder } from "../../api/share-lists";
import { t } from "../../i18n";
import { navigate, search } from "../../router";
import { Status } from "../../ui/status";
import { Breadcrumbs } from "./breadcrumbs";
import { EmptyState, LoadError, Loading } from "./empty-state";
import { FileTable } from "./file-table";
import { folderHref } from "./links";
import { NewMenu } from "./new-menu";
import { UploadButton } from "./upload/upload-button";
import { useDropZone } from "./upload/use-drop-zone";
import { ReadmeNote } from "./readme-note";
import { currentFolder, showHidden, shownNodes } from "./state";
import { useItemActions } from "./use-item-actions";
import { useLoad } from "./use-load";

/** The folder the address names: ?dir=/Bureau CA (the root without it), with ?fileid= to point at an item. */
export function readLocation(query: string): { dir: string; fileId: number | null } {
  const params = new URLSearchParams(query);
  const names = (params.get("dir") ?? "/").split("/").filter((n) => n !== "" && n !== "." && n !== "..");
  const fileId = Number(params.get("fileid"));
  return { dir: `/${names.join("/")}`, fileId: Number.isSafeInteger(fileId) && fileId > 0 ? fileId : null };
}

/** "Tous les fichiers": one folder, its note, its items and what can be done with them. */
export function FolderView() {
  const { dir, fileId } = readLocation(search.value);
  const folder = useLoad(() => folderAt(dir), [dir]);
  const [sharedIds, setSharedIds] = useState<ReadonlySet<number>>(new Set());
  const details = folder.data;
  const children = details?.children ?? [];
  const withHidden = showHidden.value;
  // An item pointed at (?fileid=, from search or activity) shows even when hidden.
  const shown = useMemo(() => shownNodes(children, withHidden, false, fileId), [children, withHidden, fileId]);
  const { actions, dialogs, status, moveInto } = useItemActions(shown, folder.reload, dir);
  const drop = useDropZone(details?.node ?? null);

  useEffect(() => {
    currentFolder.value = details?.node ?? null;
  }, [details]);
  useEffect(() => () => void (currentFolder.value = null), []);

  // The share marks come from the share API; the listing does not wait for them, nor fail without them.
  useEffect(() => {
    if (!details) return;
    let live = true;
    sharesInFolder(dir)
      .then((shares) => live && setSharedIds(new Set(shares.map((s) => s.item_source))))
      .catch((failure: unknown) => console.warn("[files] share marks unavailable", failure));
    return () => {
      live = false;
    };
  }, [dir, details]);

  const taken = useMemo(() => new Set(children.map((c) => c.name)), [children]);
  const readmeName = children.find((c) => c.id === details?.readme?.id)?.name ?? "Readme.md";

  const dropOnCrumb = async (ids: number[], path: string) => {
    try {
      const target = await folderAt(path);
      await moveInto(ids, target.node);
    } catch {
      folder.reload();
    }
  };

  if (!details) {
    return (
      <div class="files-page">
        <Breadcrumbs path={dir} />
        {folder.loading ? <Loading /> : <LoadError message={folder.missing ? t("files.folderMissing") : (folder.error ?? "")} back={dir !== "/"} />}
      </div>
    );
  }

  const here = details.node;
  const label = dir === "/" ? t("files.all") : t("files.listingOf", { name: here.name });
  return (
    // The drop area for files from the desktop: the upload plugs into this element.
    <div class="files-page files-drop-area" data-folder-id={here.id} {...drop.props}>
      {drop.overlay}
      <div class="files-header">
        <Breadcrumbs path={dir} onDropInto={(ids, path) => void dropOnCrumb(ids, path)} />
        {/* The listing's toolbar: "Nouveau", then the upload button. */}
        <div class="files-toolbar" id="files-toolbar">
          {can.create(here) && (
            <NewMenu
              folder={here}
              taken={taken}
              onCreated={(node, open) => {
                folder.reload();
                if (open) actions.open(node);
                else navigate(folderHref(dir, node.id), { replace: true });
              }}
            />
          )}
          {can.create(here) && <UploadButton folder={here} />}
        </div>
      </div>
      <Status state={status} />
      <ReadmeNote folder={here} readme={details.readme} readmeName={readmeName} onSaved={folder.reload} />
      {shown.length === 0 ? (
        <EmptyState title={t("files.emptyTitle")} text={can.create(here) ? t("files.emptyText") : t("files.emptyReadOnly")} />
      ) : (
        <FileTable
          nodes={shown}
          label={label}
          actions={actions}
          highlightId={fileId}
          sharedIds={sharedIds}
          folderId={here.id}
          onDropInto={(ids, target) => void moveInto(ids, target)}
        />
      )}
      {dialogs}
    </div>
  );
}
