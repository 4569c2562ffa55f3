import { useState } from "preact/hooks";
import { can, contentUrl, downloadUrl, isSharedWithMe, parentPath, type FileNode } from "../../api/files";
import { t } from "../../i18n";
import { formatBytes } from "../../i18n/format";
import { navigate } from "../../router";
import { RelativeTime } from "../../ui/relative-time";
import { dropTarget, startItemDrag } from "./drag";
import { FileIcon } from "./file-icon";
import type { ItemActions } from "./item-actions";
import { folderHref } from "./links";
import { Menu } from "./menu";
import { RenameField } from "./rename-field";

export interface RowProps {
  node: FileNode;
  selected: boolean;
  focused: boolean;
  highlighted: boolean;
  renaming: boolean;
  /** Shared by the asker with others (the listing asks the share API). */
  sharedOut: boolean;
  showLocation: boolean;
  actions: ItemActions;
  onToggle: (node: FileNode, extend: boolean) => void;
  onFocusRow: (node: FileNode) => void;
  onRename: (node: FileNode | null) => void;
  /** The ids a drag of this row carries: the selection when the row is in it. */
  dragIds?: (node: FileNode) => number[];
  onDropInto?: (ids: number[], folder: FileNode) => void;
}

/** A plain left click is the app's; a middle click or Ctrl+click keeps the browser's new tab. */
const ownClick = (event: MouseEvent) => event.button === 0 && !event.metaKey && !event.ctrlKey && !event.shiftKey && !event.altKey;

export function FileRow(props: RowProps) {
  const { node, actions, selected } = props;
  const [dropActive, setDropActive] = useState(false);
  const sharedIn = isSharedWithMe(node);
  const shared = sharedIn || props.sharedOut;
  const href = node.isFolder ? folderHref(node.path) : contentUrl(node.id);
  const canDrop = props.onDropInto && node.isFolder && can.create(node);
  const drop = canDrop ? dropTarget((ids) => props.onDropInto!(ids.filter((id) => id !== node.id), node), setDropActive) : {};
  const draggable = props.dragIds !== undefined && can.move(node);
  // Arrows move between rows; Tab reaches the controls of the current row only.
  const inner = props.focused ? 0 : -1;
  const classes = ["file-row", selected && "selected", props.highlighted && "highlighted", dropActive && "drop-active"].filter(Boolean).join(" ");

  return (
    <tr
      class={classes}
      data-id={node.id}
      tabIndex={props.focused ? 0 : -1}
      aria-selected={selected}
      draggable={draggable && !props.renaming}
      onDragStart={draggable ? (event) => startItemDrag(event, props.dragIds!(node), node.name) : undefined}
      onFocusIn={() => props.onFocusRow(node)}
      {...drop}
    >
      <td class="col-select">
        <input
          type="checkbox"
          checked={selected}
          tabIndex={-1}
          aria-label={t("files.select", { name: node.name })}
          onClick={(event) => {
            event.stopPropagation();
            props.onToggle(node, event.shiftKey);
          }}
        />
      </td>
      <th scope="row" class="col-name">
        <div class="name-cell">
          <FileIcon node={node} shared={shared} />
          {props.renaming ? (
            <RenameField name={node.name} isFolder={node.isFolder} onSubmit={(name) => actions.rename(node, name)} onCancel={() => props.onRename(null)} />
          ) : (
            <span class="name-wrap">
              <a
                class="file-name"
                href={href}
                tabIndex={inner}
                draggable={false}
                onClick={(event) => {
                  if (!ownClick(event)) return;
                  event.preventDefault();
                  if (node.isFolder) navigate(href);
                  else actions.open(node);
                }}
              >
                {node.name}
              </a>
              {props.showLocation && <span class="file-location">{parentPath(node.path) === "/" ? t("files.home") : parentPath(node.path)}</span>}
            </span>
          )}
          {shared && (
            <button
              type="button"
              class="share-mark"
              tabIndex={inner}
              title={sharedIn ? t("files.sharedWithYou") : t("files.sharedByYou")}
              onClick={() => actions.details(node, "sharing")}
            >
              <span class="share-glyph" aria-hidden="true" />
              <span class="visually-hidden">{sharedIn ? t("files.sharedWithYou") : t("files.sharedByYou")}</span>
            </button>
          )}
        </div>
      </th>
      <td class="col-actions">
        <button
          type="button"
          class={node.favorite ? "file-action-button star starred" : "file-action-button star"}
          tabIndex={inner}
          aria-pressed={node.favorite}
          title={node.favorite ? t("files.unfavorite") : t("files.favorite")}
          onClick={() => actions.favorite(node, !node.favorite)}
        >
          <span aria-hidden="true">{node.favorite ? "★" : "☆"}</span>
          <span class="visually-hidden">{node.favorite ? t("files.unfavoriteNamed", { name: node.name }) : t("files.favoriteNamed", { name: node.name })}</span>
        </button>
        <RowMenu {...props} inner={inner} />
      </td>
      <td class="col-size">{node.isFolder && node.size === 0 ? "—" : formatBytes(node.size)}</td>
      <td class="col-mtime">
        <RelativeTime epochMs={node.mtime * 1000} />
      </td>
    </tr>
  );
}

function RowMenu({ node, actions, onRename, inner }: RowProps & { inner: number }) {
  const sharedIn = isSharedWithMe(node);
  return (
    <Menu label={t("files.actionsFor", { name: node.name })} tabIndex={inner} face={<span aria-hidden="true">…</span>}>
      {(close) => (
        <ul>
          <li>
            <button type="button" onClick={() => (close(), actions.details(node))}>
              {t("files.details")}
            </button>
          </li>
          {can.rename(node) && (
            <li>
              <button type="button" onClick={() => (close(), onRename(node))}>
                {t("files.rename")}
              </button>
            </li>
          )}
          {can.read(node) && (
            <li>
              <button type="button" onClick={() => (close(), actions.moveOrCopy([node]))}>
                {can.move(node) ? t("files.moveOrCopy") : t("files.copy")}
              </button>
            </li>
          )}
          <li>
            {/* The star beside the name is hidden on phones; the menu offers it everywhere. */}
            <button type="button" onClick={() => (close(), actions.favorite(node, !node.favorite))}>
              {node.favorite ? t("files.unfavorite") : t("files.favorite")}
            </button>
          </li>
          {can.read(node) && (
            <li>
              <a href={downloadUrl(node)} download={node.isFolder ? `${node.name}.zip` : node.name} onClick={() => close()}>
                {t("files.download")}
              </a>
            </li>
          )}
          {can.delete(node) && (
            <li>
              <button type="button" class="danger" onClick={() => (close(), actions.remove([node]))}>
                {sharedIn && node.permissions.includes("M") && parentPath(node.path) === "/" ? t("files.unshare") : t("action.delete")}
              </button>
            </li>
          )}
        </ul>
      )}
    </Menu>
  );
}
