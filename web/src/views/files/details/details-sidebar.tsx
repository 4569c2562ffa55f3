import { useEffect, useRef, useState } from "preact/hooks";
import { setFavorite } from "../../../api/files";
import { t } from "../../../i18n";
import { formatBytes } from "../../../i18n/format";
import { describeError } from "../../../ui/errors";
import { RelativeTime } from "../../../ui/relative-time";
import { ActivityTab } from "./activity-tab";
import { CommentsTab } from "./comments-tab";
import type { DetailsNode } from "./details-node";
import { SharingTab } from "./sharing-tab";
import { Tabs, type Tab } from "./tabs";
import { VersionsTab } from "./versions-tab";
import "./details.css";

export type DetailsTab = "activity" | "comments" | "sharing" | "versions";
export type { DetailsNode } from "./details-node";

interface DetailsSidebarProps {
  node: DetailsNode;
  onClose: () => void;
  /** Nextcloud opens on Partage from a share icon, on Activité otherwise. */
  initialTab?: DetailsTab;
  /** The item changed here (favorite, a restored version): the listing may update its row. */
  onChange?: (changes: Partial<DetailsNode>) => void;
}

/**
 * Nextcloud's details sidebar for one file or folder: name, size, date and star above the tabs
 * Activité, Commentaires, Partage and Versions. Beside the listing on a wide screen, the whole
 * screen on a phone; Escape closes it and gives focus back to where it was opened from.
 */
export function DetailsSidebar({ node: given, onClose, initialTab = "activity", onChange }: DetailsSidebarProps) {
  const [tab, setTab] = useState<DetailsTab>(initialTab);
  // What changed here shows at once, whether or not the listing hands a fresh node back.
  const [changes, setChanges] = useState<Partial<DetailsNode>>({});
  const node = { ...given, ...changes };
  const changed = (next: Partial<DetailsNode>) => {
    setChanges((before) => ({ ...before, ...next }));
    onChange?.(next);
  };
  const [error, setError] = useState<string | null>(null);
  const heading = useRef<HTMLHeadingElement>(null);

  useEffect(() => setChanges({}), [given]);
  useEffect(() => setError(null), [node.id]);
  useEffect(() => setTab(initialTab), [node.id, initialTab]);

  // Focus moves into the sidebar when it opens and goes back to the opener when it closes.
  useEffect(() => {
    const opener = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    heading.current?.focus();
    return () => {
      if (opener?.isConnected) opener.focus();
    };
  }, []);

  const escape = (event: KeyboardEvent) => {
    // A confirmation's own Escape only closes the confirmation.
    if (event.key !== "Escape" || event.defaultPrevented || (event.target as Element).closest("dialog")) return;
    event.stopPropagation();
    onClose();
  };

  const toggleFavorite = async () => {
    const next = !node.favorite;
    setChanges((before) => ({ ...before, favorite: next }));
    try {
      await setFavorite(node.id, next);
      setError(null);
      onChange?.({ favorite: next });
    } catch (failure) {
      setChanges((before) => ({ ...before, favorite: !next }));
      setError(describeError(failure));
    }
  };

  const tabs: Tab<DetailsTab>[] = [
    { id: "activity", label: t("details.tab.activity") },
    { id: "comments", label: t("details.tab.comments") },
    { id: "sharing", label: t("details.tab.sharing") },
    ...(node.isFolder ? [] : [{ id: "versions" as const, label: t("details.tab.versions") }]),
  ];
  const shown = node.isFolder && tab === "versions" ? "activity" : tab;

  return (
    <aside class="details-sidebar" aria-label={t("details.label", { name: node.name })} onKeyDown={escape}>
      <header class="details-header">
        <span class={node.isFolder ? "details-icon details-icon-folder" : "details-icon details-icon-file"} aria-hidden="true" />
        <div class="details-title">
          <h2 ref={heading} tabIndex={-1} title={node.name}>
            {node.name}
          </h2>
          <p class="details-meta">
            {node.isFolder && `${t("details.folder")} · `}
            {formatBytes(node.size)} · <RelativeTime epochMs={node.mtime * 1000} />
          </p>
        </div>
        <button
          type="button"
          class={node.favorite ? "icon-button star starred" : "icon-button star"}
          onClick={() => void toggleFavorite()}
          title={node.favorite ? t("details.unfavorite") : t("details.favorite")}
        >
          <span aria-hidden="true">{node.favorite ? "★" : "☆"}</span>
          <span class="visually-hidden">{node.favorite ? t("details.unfavorite") : t("details.favorite")}</span>
        </button>
        <button type="button" class="icon-button" onClick={onClose} title={t("details.close")}>
          <span aria-hidden="true">✕</span>
          <span class="visually-hidden">{t("details.close")}</span>
        </button>
      </header>
      {error && (
        <p class="status status-error" role="alert">
          {error}
        </p>
      )}
      <Tabs idPrefix={`details-${node.id}`} label={t("details.tabs")} tabs={tabs} selected={shown} onSelect={setTab}>
        {shown === "activity" && <ActivityTab node={node} />}
        {shown === "comments" && <CommentsTab node={node} />}
        {shown === "sharing" && <SharingTab node={node} />}
        {shown === "versions" && <VersionsTab node={node} onRestored={changed} />}
      </Tabs>
    </aside>
  );
}
