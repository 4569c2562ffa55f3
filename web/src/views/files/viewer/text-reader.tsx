import { useEffect, useState } from "preact/hooks";
import { readText, type FileNode } from "../../../api/files";
import { t } from "../../../i18n";
import { describeError } from "../../../ui/errors";
import { MarkdownView } from "../markdown-view";
import { ViewerFrame } from "./viewer-frame";

/** A text file to read: Markdown rendered (and made safe), anything else as it is. */
export function TextReader({ node, markdown, onClose }: { node: FileNode; markdown: boolean; onClose: () => void }) {
  const [text, setText] = useState<string | null>(null);
  const [error, setError] = useState<string | null>(null);
  useEffect(() => {
    let live = true;
    readText(node.id)
      .then((value) => live && setText(value))
      .catch((failure: unknown) => live && setError(describeError(failure)));
    return () => {
      live = false;
    };
  }, [node.id, node.etag]);
  return (
    <ViewerFrame node={node} kind="reader" onClose={onClose}>
      {error ? (
        <p class="status status-error" role="alert">
          {error}
        </p>
      ) : text === null ? (
        <p role="status">{t("common.loading")}</p>
      ) : markdown ? (
        <MarkdownView source={text} class="reader-text" />
      ) : (
        <pre class="reader-text">{text}</pre>
      )}
    </ViewerFrame>
  );
}
