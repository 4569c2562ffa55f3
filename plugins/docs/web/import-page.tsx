import { useState } from "preact/hooks";
import { contentUrl, folderAt } from "../../../web/src/api/files";
import { ApiFailure } from "../../../web/src/api/http";
import { t, type MessageKey } from "../../../web/src/i18n";
import type { PluginEditorProps } from "../../../web/src/plugins/web-entry";
import { describeError } from "../../../web/src/ui/errors";
import { Status } from "../../../web/src/ui/status";
import { importDocx } from "./api";
import { BackToFolder, MissingFile, useFile } from "./page-parts";
import "./editor.css";

/** The import route's refusals that have a sentence of their own; 403 is handled apart (it offers another folder). */
const IMPORT_ERRORS: Partial<Record<number, MessageKey>> = {
  413: "docs.import.tooLarge",
  415: "docs.import.notDocx",
  422: "docs.import.unreadable",
};

type Outcome = { kind: "idle" } | { kind: "busy" } | { kind: "forbidden" } | { kind: "error"; message: string };

/** The document editor's address for a new file: this page's own plugin prefix, so the shell needs no plugin name. */
const documentUrl = (id: number) => `${location.pathname.replace(/\/[^/]+\/[0-9]+\/?$/, "")}/document/${id}`;

/**
 * What opening a Word file shows (/apps/<plugin>/import/<fileId>): an offer to turn it into a
 * collaborative Markdown document beside it, then the editor of that new document.
 */
export function ImportPage({ fileId }: PluginEditorProps) {
  const file = useFile(fileId);
  const [outcome, setOutcome] = useState<Outcome>({ kind: "idle" });

  const name = file && file !== "missing" ? file.name : "";

  if (file === "missing") return <MissingFile />;

  /** `intoRoot`: the user may not create beside the Word file, so the copy goes to the top of their own files. */
  const start = async (intoRoot = false) => {
    setOutcome({ kind: "busy" });
    try {
      const folderId = intoRoot ? (await folderAt("/")).node.id : undefined;
      const created = await importDocx(fileId, folderId);
      location.replace(documentUrl(created.id));
    } catch (error) {
      if (error instanceof ApiFailure && error.status === 403 && !intoRoot) return setOutcome({ kind: "forbidden" });
      const known = error instanceof ApiFailure ? IMPORT_ERRORS[error.status] : undefined;
      setOutcome({ kind: "error", message: known ? t(known) : describeError(error) });
    }
  };

  const busy = outcome.kind === "busy";
  return (
    <div class="docs-page">
      <header class="docs-header docs-chrome">
        <BackToFolder file={file || null} fileId={fileId} />
      </header>
      <main id="main" class="docs-main docs-import" tabIndex={-1} aria-busy={busy}>
        <p class="docs-import-kind">{t("docs.import.label")}</p>
        <h1 class="docs-import-name" tabIndex={-1}>
          {name || t("common.loading")}
        </h1>
        <p>{t("docs.import.intro")}</p>
        <div class="docs-import-actions">
          <button type="button" class="button button-primary" disabled={!file || busy} onClick={() => void start()}>
            {t("docs.import.submit")}
          </button>
          <a class="button" href={contentUrl(fileId)} download={name || undefined}>
            {t("docs.import.download")}
          </a>
        </div>
        <Status state={{ error: outcome.kind === "error" ? outcome.message : outcome.kind === "forbidden" ? t("docs.import.forbidden") : null, done: busy ? t("docs.import.busy") : null }} />
        {outcome.kind === "forbidden" && (
          <button type="button" class="button" onClick={() => void start(true)}>
            {t("docs.import.toRoot")}
          </button>
        )}
      </main>
    </div>
  );
}
