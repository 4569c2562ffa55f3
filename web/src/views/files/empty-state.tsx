import { t } from "../../i18n";
import { Link } from "../../ui/link";

export function EmptyState({ title, text }: { title: string; text?: string }) {
  return (
    <div class="empty-state">
      <span class="empty-icon" aria-hidden="true" />
      <h2>{title}</h2>
      {text && <p>{text}</p>}
    </div>
  );
}

export function Loading() {
  return (
    <p class="files-loading" role="status">
      {t("common.loading")}
    </p>
  );
}

export function LoadError({ message, back }: { message: string; back?: boolean }) {
  return (
    <div class="empty-state">
      <p class="status status-error" role="alert">
        {message}
      </p>
      {back && (
        <p>
          <Link href="/files">{t("notFound.back")}</Link>
        </p>
      )}
    </div>
  );
}
