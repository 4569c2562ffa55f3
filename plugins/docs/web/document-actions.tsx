import { t } from "../../../web/src/i18n";
import { Menu } from "../../../web/src/views/files/menu";
import { exportUrl, type ExportFormat } from "./api";

const FORMATS: { format: ExportFormat; label: "docs.exportDocx" | "docs.exportHtml" | "docs.exportMd" }[] = [
  { format: "docx", label: "docs.exportDocx" },
  { format: "html", label: "docs.exportHtml" },
  { format: "md", label: "docs.exportMd" },
];

/** "Exporter" (Word, web page, Markdown, print/PDF) and "Prendre un instantané". */
export function DocumentActions({ fileId, canSnapshot, onSnapshot }: { fileId: number; canSnapshot: boolean; onSnapshot: () => void }) {
  return (
    <div class="docs-actions">
      <Menu label={t("docs.export")} buttonClass="button" face={<>{t("docs.export")} ▾</>}>
        {(close) => (
          <ul>
            {FORMATS.map(({ format, label }) => (
              <li key={format}>
                <a href={exportUrl(fileId, format)} download onClick={close}>
                  {t(label)}
                </a>
              </li>
            ))}
            <li>
              <button
                type="button"
                onClick={() => {
                  close();
                  // After the menu has closed, so that it is not in the printout.
                  setTimeout(() => window.print(), 0);
                }}
              >
                {t("docs.print")}
              </button>
            </li>
          </ul>
        )}
      </Menu>
      {canSnapshot && (
        <button type="button" class="button" onClick={onSnapshot}>
          {t("docs.snapshot")}
        </button>
      )}
    </div>
  );
}
