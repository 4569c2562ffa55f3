import { t } from "../../i18n";
import { path } from "../../router";
import { AppShell } from "../../ui/app-shell";
import { Link } from "../../ui/link";
import { FilesSettings } from "./files-settings";
import { QuotaBar } from "./quota-bar";
import { FILES_SECTIONS, findSection } from "./sections";

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

/** Files' frame: the listing stays empty until the WebDAV tree serves it. */
export function FilesView() {
  const section = findSection(path.value) ?? FILES_SECTIONS[0]!;
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
      <div class="empty-state">
        <span class="empty-icon" aria-hidden="true" />
        <h2>{t("files.emptyTitle")}</h2>
        <p>{t("files.emptyText")}</p>
      </div>
    </AppShell>
  );
}
