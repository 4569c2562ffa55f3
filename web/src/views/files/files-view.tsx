import { useEffect } from "preact/hooks";
import { favoriteFiles, recentFiles } from "../../api/files";
import { t } from "../../i18n";
import { path } from "../../router";
import { AppShell } from "../../ui/app-shell";
import { Link } from "../../ui/link";
import { DetailsSidebar } from "./details/details-sidebar";
import { FilesSettings } from "./files-settings";
import { FlatListView } from "./flat-list-view";
import { FolderView } from "./folder-view";
import { QuotaBar } from "./quota-bar";
import { FILES_SECTIONS, findSection } from "./sections";
import { SharesView, type ShareListKind } from "./shares-view";
import { detailsOf, refreshListing } from "./state";
import { TagsView } from "./tags-view";
import { TrashView } from "./trash-view";
import { UploadPanel } from "./upload/upload-panel";
import "./files.css";

function FilesSidebar() {
  return (
    <ul class="sidebar-list">
      {FILES_SECTIONS.map((section) => (
        <li key={section.path}>
          <Link href={section.path}>{t(section.label)}</Link>
          {section.children && (
            <ul class="sidebar-sublist">
              {section.children.map((child) => (
                <li key={child.path}>
                  <Link href={child.path}>{t(child.label)}</Link>
                </li>
              ))}
            </ul>
          )}
        </li>
      ))}
    </ul>
  );
}

const SHARE_LISTS: Record<string, ShareListKind> = {
  "/files/shares/with-you": "with-you",
  "/files/shares/by-you": "by-you",
  "/files/shares/links": "links",
  "/files/shares/deleted": "deleted",
  "/files/shares/pending": "pending",
};

/** "Partages" itself: what others share with you, then what you share. */
function SharesOverview() {
  return (
    <>
      <section aria-labelledby="shares-with-you">
        <h2 id="shares-with-you">{t("files.sharesWithYou")}</h2>
        <SharesView kind="with-you" />
      </section>
      <section aria-labelledby="shares-by-you">
        <h2 id="shares-by-you">{t("files.sharesByYou")}</h2>
        <SharesView kind="by-you" />
      </section>
    </>
  );
}

function SectionContent({ at }: { at: string }) {
  const shareList = SHARE_LISTS[at];
  if (shareList) return <SharesView key={shareList} kind={shareList} />;
  switch (at) {
    case "/files/recent":
      return <FlatListView load={recentFiles} label={t("files.recent")} emptyTitle={t("files.noRecent")} emptyText={t("files.noRecentText")} />;
    case "/files/favorites":
      return <FlatListView load={favoriteFiles} label={t("files.favorites")} emptyTitle={t("files.noFavorites")} emptyText={t("files.noFavoritesText")} />;
    case "/files/shares":
      return <SharesOverview />;
    case "/files/tags":
      return <TagsView />;
    case "/files/trash":
      return <TrashView />;
    default:
      return <FolderView />;
  }
}

/** Nextcloud's Files: the sections in the sidebar, the chosen one in the main area, the details beside it. */
export function FilesView() {
  const section = findSection(path.value) ?? FILES_SECTIONS[0]!;
  const details = detailsOf.value;
  // Another section is another page: the details of an item seen elsewhere close.
  useEffect(() => () => void (detailsOf.value = null), [section.path]);
  return (
    <AppShell
      title={t(section.label)}
      sidebarLabel={t("app.files")}
      sidebar={<FilesSidebar />}
      sidebarFooter={
        <>
          <QuotaBar />
          <FilesSettings />
        </>
      }
    >
      <div class={details ? "files-content with-details" : "files-content"}>
        <SectionContent key={section.path} at={section.path} />
      </div>
      {details && (
        <DetailsSidebar
          key={details.node.id}
          node={details.node}
          initialTab={details.tab}
          onClose={() => (detailsOf.value = null)}
          onChange={() => refreshListing()}
        />
      )}
      <UploadPanel />
    </AppShell>
  );
}
