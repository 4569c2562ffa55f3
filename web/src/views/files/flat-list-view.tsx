import { useMemo } from "preact/hooks";
import type { FileNode } from "../../api/files";
import { Status } from "../../ui/status";
import { EmptyState, LoadError, Loading } from "./empty-state";
import { FileTable } from "./file-table";
import { showHidden, shownNodes } from "./state";
import { useItemActions } from "./use-item-actions";
import { useLoad } from "./use-load";

interface FlatListProps {
  load: () => Promise<FileNode[]>;
  /** What reloads the list when it changes (a tag's id). */
  deps?: readonly unknown[];
  label: string;
  emptyTitle: string;
  emptyText: string;
}

/** Items from anywhere in one's files (Récent, Favoris, an étiquette), each with the folder it is in. */
export function FlatListView({ load, deps = [], label, emptyTitle, emptyText }: FlatListProps) {
  const list = useLoad(load, deps);
  const withHidden = showHidden.value;
  const nodes = useMemo(() => shownNodes(list.data ?? [], withHidden, true), [list.data, withHidden]);
  const { actions, dialogs, status } = useItemActions(nodes, list.reload);
  if (!list.data) return list.loading ? <Loading /> : <LoadError message={list.error ?? ""} />;
  return (
    <div class="files-page">
      <Status state={status} />
      {nodes.length === 0 ? <EmptyState title={emptyTitle} text={emptyText} /> : <FileTable nodes={nodes} label={label} actions={actions} showLocation />}
      {dialogs}
    </div>
  );
}
