import { useEffect, useMemo, useRef, useState } from "preact/hooks";
import { can, contentUrl, zipUrl, type FileNode } from "../../api/files";
import { language, t, tn } from "../../i18n";
import { FileRow } from "./file-row";
import type { ItemActions } from "./item-actions";
import { sortNodes, sortOrder, type SortKey } from "./state";

interface FileTableProps {
  nodes: readonly FileNode[];
  /** Names the table for screen readers ("Fichiers de Bureau CA"). */
  label: string;
  actions: ItemActions;
  /** Flat lists (Récent, Favoris, an étiquette) say where each item is. */
  showLocation?: boolean;
  /** The item the address names (?fileid=): scrolled to, focused and marked. */
  highlightId?: number | null;
  /** Items the asker shares with others. */
  sharedIds?: ReadonlySet<number>;
  /** The folder listed, when all items are its members: a selection then downloads as one zip. */
  folderId?: number;
  /** Items dropped on a folder row move into it; without it, rows are not dragged. */
  onDropInto?: (ids: number[], folder: FileNode) => void;
}

const COLUMNS: { key: SortKey; label: "files.colName" | "files.colSize" | "files.colModified"; class: string }[] = [
  { key: "name", label: "files.colName", class: "col-name" },
  { key: "size", label: "files.colSize", class: "col-size" },
  { key: "mtime", label: "files.colModified", class: "col-mtime" },
];

/** One file as itself; anything more as a zip of the folder's chosen members. */
const selectionDownload = (chosen: readonly FileNode[], folderId: number | undefined) =>
  chosen.length === 1 && !chosen[0]!.isFolder ? contentUrl(chosen[0]!.id) : zipUrl(folderId!, chosen.map((n) => n.id));

/**
 * The listing: sortable columns, a checkbox per row and one for all, the actions of a selection, and
 * the keyboard of a file manager (arrows, Home/End, Space selects, Enter opens, F2 renames, Delete
 * deletes, Ctrl+A selects all, Escape clears the selection).
 */
export function FileTable({ nodes, label, actions, showLocation = false, highlightId = null, sharedIds, folderId, onDropInto }: FileTableProps) {
  const order = sortOrder.value;
  const rows = useMemo(() => sortNodes(nodes, order, language.value), [nodes, order, language.value]);
  const [selected, setSelected] = useState<ReadonlySet<number>>(new Set());
  const [focusId, setFocusId] = useState<number | null>(highlightId);
  const [renamingId, setRenamingId] = useState<number | null>(null);
  const anchor = useRef<number | null>(null);
  const body = useRef<HTMLTableSectionElement>(null);

  // Items gone from the listing leave the selection.
  useEffect(() => {
    const ids = new Set(nodes.map((n) => n.id));
    setSelected((current) => (Array.from(current).every((id) => ids.has(id)) ? current : new Set(Array.from(current).filter((id) => ids.has(id)))));
  }, [nodes]);

  useEffect(() => {
    if (highlightId === null || !rows.some((r) => r.id === highlightId)) return;
    setFocusId(highlightId);
    const row = body.current?.querySelector<HTMLElement>(`tr[data-id="${highlightId}"]`);
    row?.scrollIntoView({ block: "center" });
    row?.focus({ preventScroll: true });
  }, [highlightId, rows.length > 0]);

  const current = rows.find((r) => r.id === focusId) ?? rows[0];
  const chosen = rows.filter((r) => selected.has(r.id));

  const focusRow = (node: FileNode | undefined) => {
    if (!node) return;
    setFocusId(node.id);
    body.current?.querySelector<HTMLElement>(`tr[data-id="${node.id}"]`)?.focus();
  };

  const toggle = (node: FileNode, extend: boolean) => {
    setSelected((before) => {
      const next = new Set(before);
      if (extend && anchor.current !== null) {
        const from = rows.findIndex((r) => r.id === anchor.current);
        const to = rows.findIndex((r) => r.id === node.id);
        if (from >= 0 && to >= 0) {
          for (const r of rows.slice(Math.min(from, to), Math.max(from, to) + 1)) next.add(r.id);
          return next;
        }
      }
      if (next.has(node.id)) next.delete(node.id);
      else next.add(node.id);
      anchor.current = node.id;
      return next;
    });
  };

  const allSelected = rows.length > 0 && chosen.length === rows.length;
  const selectAll = (on: boolean) => setSelected(on ? new Set(rows.map((r) => r.id)) : new Set());

  /** The items an action on `node` applies to: the selection when the row is part of it. */
  const targetsOf = (node: FileNode) => (selected.has(node.id) ? chosen : [node]);

  const keys = (event: KeyboardEvent) => {
    const target = event.target as HTMLElement;
    // Fields and menus keep their own keys.
    if (target.closest("input:not([type=checkbox]), textarea, .menu-panel")) return;
    const row = target.closest<HTMLElement>("tr[data-id]");
    const node = rows.find((r) => String(r.id) === row?.dataset.id);
    if (!node) return;
    const at = rows.indexOf(node);
    const onRow = target === row;
    switch (event.key) {
      case "ArrowDown":
      case "ArrowUp": {
        event.preventDefault();
        const next = rows[Math.min(rows.length - 1, Math.max(0, at + (event.key === "ArrowDown" ? 1 : -1)))];
        if (event.shiftKey && next) setSelected((before) => new Set(before).add(node.id).add(next.id));
        focusRow(next);
        return;
      }
      case "Home":
      case "End":
        event.preventDefault();
        focusRow(event.key === "Home" ? rows[0] : rows[rows.length - 1]);
        return;
      case " ":
        if (!onRow) return;
        event.preventDefault();
        toggle(node, event.shiftKey);
        return;
      case "Enter":
        if (!onRow) return;
        event.preventDefault();
        actions.open(node);
        return;
      case "F2":
        if (!can.rename(node)) return;
        event.preventDefault();
        setRenamingId(node.id);
        return;
      case "Delete": {
        const doomed = targetsOf(node).filter(can.delete);
        if (doomed.length === 0) return;
        event.preventDefault();
        actions.remove(doomed);
        return;
      }
      case "Escape":
        if (selected.size === 0) return;
        event.preventDefault();
        selectAll(false);
        return;
      case "a":
        if (!(event.ctrlKey || event.metaKey)) return;
        event.preventDefault();
        selectAll(true);
        return;
    }
  };

  const sortBy = (key: SortKey) => {
    sortOrder.value = order.key === key ? { key, descending: !order.descending } : { key, descending: key === "mtime" };
  };

  const rename = async (node: FileNode, name: string) => {
    const done = await actions.rename(node, name);
    if (done) setRenamingId(null);
    return done;
  };
  const rowActions = { ...actions, rename };

  return (
    <div class="file-table-wrap">
      {chosen.length > 0 && (
        <div class="selection-bar" role="region" aria-label={t("files.selectionActions")}>
          <span class="selection-count" role="status">
            {tn("files.selectedCount", chosen.length)}
          </span>
          {chosen.every(can.read) && (
            <button type="button" class="button" onClick={() => actions.moveOrCopy(chosen)}>
              {chosen.every(can.move) ? t("files.moveOrCopy") : t("files.copy")}
            </button>
          )}
          {chosen.every(can.read) && (folderId !== undefined || (chosen.length === 1 && !chosen[0]!.isFolder)) && (
            <a class="button" href={selectionDownload(chosen, folderId)} download>
              {t("files.download")}
            </a>
          )}
          {chosen.every(can.delete) && (
            <button type="button" class="button button-danger" onClick={() => actions.remove(chosen)}>
              {t("action.delete")}
            </button>
          )}
          <button type="button" class="button" onClick={() => selectAll(false)}>
            {t("files.clearSelection")}
          </button>
        </div>
      )}
      <table class="file-table" aria-label={label}>
        <thead>
          <tr>
            <th class="col-select" scope="col">
              <input type="checkbox" checked={allSelected} disabled={rows.length === 0} aria-label={t("files.selectAll")} onChange={(e) => selectAll(e.currentTarget.checked)} />
            </th>
            {COLUMNS.slice(0, 1).map((c) => (
              <SortHeader key={c.key} column={c} sortKey={order.key} descending={order.descending} onSort={sortBy} />
            ))}
            <th class="col-actions" scope="col">
              <span class="visually-hidden">{t("common.actions")}</span>
            </th>
            {COLUMNS.slice(1).map((c) => (
              <SortHeader key={c.key} column={c} sortKey={order.key} descending={order.descending} onSort={sortBy} />
            ))}
          </tr>
        </thead>
        <tbody ref={body} onKeyDown={keys}>
          {rows.map((node) => (
            <FileRow
              key={node.id}
              node={node}
              selected={selected.has(node.id)}
              focused={node.id === current?.id}
              highlighted={node.id === highlightId}
              renaming={node.id === renamingId}
              sharedOut={sharedIds?.has(node.id) ?? false}
              showLocation={showLocation}
              actions={rowActions}
              onToggle={toggle}
              onFocusRow={(n) => setFocusId(n.id)}
              onRename={(n) => setRenamingId(n?.id ?? null)}
              dragIds={onDropInto ? (n) => targetsOf(n).filter(can.move).map((r) => r.id) : undefined}
              onDropInto={onDropInto}
            />
          ))}
        </tbody>
      </table>
    </div>
  );
}

function SortHeader({ column, sortKey, descending, onSort }: { column: (typeof COLUMNS)[number]; sortKey: SortKey; descending: boolean; onSort: (key: SortKey) => void }) {
  const active = column.key === sortKey;
  return (
    <th class={column.class} scope="col" aria-sort={active ? (descending ? "descending" : "ascending") : undefined}>
      <button type="button" class="sort-button" onClick={() => onSort(column.key)}>
        {t(column.label)}
        <span class="sort-mark" aria-hidden="true">
          {active ? (descending ? "▼" : "▲") : ""}
        </span>
      </button>
    </th>
  );
}
