import { deleteForever, emptyTrash, listTrash, restoreFromTrash, type TrashItem } from "../../api/trash";
import { t } from "../../i18n";
import { formatBytes } from "../../i18n/format";
import { useConfirm } from "../../ui/confirm";
import { RelativeTime } from "../../ui/relative-time";
import { Status } from "../../ui/status";
import { useAction } from "../../ui/use-action";
import { EmptyState, LoadError, Loading } from "./empty-state";
import { ItemListHead, ItemNameCell } from "./item-list";
import { parentPath } from "../../api/files";
import { useLoad } from "./use-load";

/** The folder the item was in; the server keeps its path from the owner's root, with or without a leading slash. */
function originOf(item: TrashItem): string {
  const folder = parentPath(`/${item.originalPath.replace(/^\/+/, "")}`);
  return folder === "/" ? t("files.home") : folder;
}

/** "Fichiers supprimés": what one deleted, where it was and when; restore it, or delete it for good. */
export function TrashView() {
  const trash = useLoad(listTrash, []);
  const status = useAction();
  const { dialog, ask } = useConfirm();

  const restore = (item: TrashItem) => status.run(() => restoreFromTrash(item.id), t("trash.restored", { name: item.name })).then(trash.reload);
  const purge = async (item: TrashItem) => {
    if (!(await ask(t("trash.purgeQuestion", { name: item.name }), t("trash.purge")))) return;
    await status.run(() => deleteForever(item.id), t("trash.purged", { name: item.name }));
    trash.reload();
  };
  const empty = async () => {
    if (!(await ask(t("trash.emptyQuestion"), t("trash.empty")))) return;
    await status.run(emptyTrash, t("trash.emptied"));
    trash.reload();
  };

  if (!trash.data) return trash.loading ? <Loading /> : <LoadError message={trash.error ?? ""} />;
  const items = trash.data;
  return (
    <div class="files-page">
      <div class="files-header">
        <p class="hint trash-hint">{t("trash.hint")}</p>
        {items.length > 0 && (
          <div class="files-toolbar">
            <button type="button" class="button button-danger" onClick={() => void empty()} disabled={status.busy}>
              {t("trash.empty")}
            </button>
          </div>
        )}
      </div>
      <Status state={status} />
      {items.length === 0 ? (
        <EmptyState title={t("trash.none")} text={t("trash.noneText")} />
      ) : (
        <table class="file-table trash-table" aria-label={t("files.trash")}>
          <ItemListHead infoClass="col-origin" infoLabel={t("trash.origin")} dateLabel={t("trash.deletedAt")} />
          <tbody>
            {items.map((item) => (
              <tr key={item.id} class="file-row">
                <ItemNameCell item={item} detail={item.isFolder ? t("files.folder") : formatBytes(item.size)}>
                  <span class="file-name">{item.name}</span>
                </ItemNameCell>
                <td class="col-actions trash-actions">
                  <button type="button" class="button" onClick={() => void restore(item)} disabled={status.busy} aria-label={t("trash.restoreNamed", { name: item.name })}>
                    {t("trash.restore")}
                  </button>
                  <button type="button" class="button button-danger" onClick={() => void purge(item)} disabled={status.busy} aria-label={t("trash.purgeNamed", { name: item.name })}>
                    {t("trash.purge")}
                  </button>
                </td>
                <td class="col-origin">{originOf(item)}</td>
                <td class="col-mtime">
                  <RelativeTime epochMs={item.deletedAt * 1000} />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      )}
      {dialog}
    </div>
  );
}
