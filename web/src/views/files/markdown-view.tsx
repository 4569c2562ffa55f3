import { useMemo } from "preact/hooks";
import { renderMarkdown } from "./markdown";

/** Rendered Markdown; the only place Files inserts HTML, and markdown.ts makes it safe. */
export function MarkdownView({ source, class: className }: { source: string; class?: string }) {
  const html = useMemo(() => renderMarkdown(source), [source]);
  return <div class={className ? `markdown ${className}` : "markdown"} dangerouslySetInnerHTML={{ __html: html }} />;
}
