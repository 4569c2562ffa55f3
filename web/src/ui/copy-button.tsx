import { useState } from "preact/hooks";
import { t } from "../i18n";

/** Copies `text`; where the clipboard is refused, selects the field instead so that Ctrl+C works. */
export function CopyButton({ text, fieldId, label }: { text: string; fieldId: string; label: string }) {
  const [copied, setCopied] = useState<"yes" | "select" | null>(null);
  const copy = async () => {
    try {
      await navigator.clipboard.writeText(text);
      setCopied("yes");
    } catch {
      const field = document.getElementById(fieldId);
      if (field instanceof HTMLInputElement) {
        field.focus();
        field.select();
      }
      setCopied("select");
    }
  };
  return (
    <>
      <button type="button" class="button" onClick={copy} aria-label={label} aria-describedby={`${fieldId}-copied`}>
        {t("action.copy")}
      </button>
      <span id={`${fieldId}-copied`} class="copied" role="status">
        {copied === "yes" ? t("copy.done") : copied === "select" ? t("copy.selected") : ""}
      </span>
    </>
  );
}
