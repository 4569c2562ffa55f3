import { t } from "../../../i18n";
import { CopyButton } from "../../../ui/copy-button";

/** Nextcloud's internal link (/f/{id}): it opens the item for whoever may already see it, and shows nobody else anything. */
export function InternalLink({ id }: { id: number }) {
  const url = `${location.origin}/f/${id}`;
  const fieldId = `internal-link-${id}`;
  return (
    <section class="details-section internal-link">
      <h3 id={`${fieldId}-title`}>{t("details.internal.title")}</h3>
      <div class="inline-field">
        <input id={fieldId} readOnly value={url} aria-labelledby={`${fieldId}-title`} aria-describedby={`${fieldId}-hint`} />
        <CopyButton text={url} fieldId={fieldId} label={t("details.internal.copy")} />
      </div>
      <p id={`${fieldId}-hint`} class="hint">
        {t("details.internal.hint")}
      </p>
    </section>
  );
}
