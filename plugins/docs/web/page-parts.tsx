import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { nodeDetails, parentPath, type FileNode } from "../../../web/src/api/files";
import { t } from "../../../web/src/i18n";
import { Link } from "../../../web/src/ui/link";
import { folderHref } from "../../../web/src/views/files/links";

/** The header's way back to the folder holding the file, with the file selected there; a blank until the file is known. */
export function BackToFolder({ file, fileId }: { file: FileNode | null; fileId: number }) {
  if (!file) return <span class="docs-back" />;
  return (
    <Link href={folderHref(parentPath(file.path), fileId)} class="docs-back">
      <span aria-hidden="true">← </span>
      {t("docs.back")}
    </Link>
  );
}

/**
 * The whole page when the file does not exist or the user cannot see it (the two are told apart nowhere),
 * with the way back: to Files, or where a public link's visitor came from.
 */
export function MissingFile({ back = <Link href="/files">{t("notFound.back")}</Link> }: { back?: ComponentChildren }) {
  return (
    <main id="main" class="docs-page docs-missing" tabIndex={-1}>
      <h1 tabIndex={-1}>{t("notFound.title")}</h1>
      <p>{t("docs.missing")}</p>
      <p>{back}</p>
    </main>
  );
}

/** The file a page is about, null while it loads, "missing" when it cannot be seen; its name becomes the tab's title. */
export function useFile(fileId: number): FileNode | null | "missing" {
  const [file, setFile] = useState<FileNode | null | "missing">(null);
  useEffect(() => {
    let live = true;
    nodeDetails(fileId)
      .then((details) => live && setFile(details.node))
      .catch(() => live && setFile("missing"));
    return () => {
      live = false;
    };
  }, [fileId]);
  const name = file && file !== "missing" ? file.name : "";
  useEffect(() => {
    if (name) document.title = `${name} – Cumulus`;
  }, [name]);
  return file;
}
