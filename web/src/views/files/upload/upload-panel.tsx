import { useState } from "preact/hooks";
import { t, tn } from "../../../i18n";
import { formatBytes } from "../../../i18n/format";
import { ConflictDialog } from "./conflict-dialog";
import { cancelAllUploads, cancelUpload } from "./upload-engine";
import { clearFinished, isFinished, uploads, uploadTotals, type UploadItem } from "./upload-state";
import "./upload.css";

function statusText(item: UploadItem): string {
  switch (item.status) {
    case "queued":
      return t("upload.queued");
    case "uploading":
      return `${t("upload.uploading")} · ${formatBytes(item.sent)} / ${formatBytes(item.size)}`;
    case "waiting":
      return item.retryIn === undefined ? t("upload.offline") : t("upload.retryIn", { seconds: item.retryIn });
    case "done":
      return t("upload.done");
    case "cancelled":
      return t("upload.cancelled");
    case "skipped":
      return t("upload.skipped");
    case "failed":
      return t("upload.failed", { reason: item.error ?? t("error.generic") });
  }
}

function UploadRow({ item }: { item: UploadItem }) {
  const name = item.label.split("/").pop() ?? item.label;
  const finished = isFinished(item);
  return (
    <li class={`upload-item upload-${item.status}`}>
      <span class="upload-name" title={item.label}>
        {item.label}
      </span>
      <progress
        class="upload-progress"
        max={Math.max(item.size, 1)}
        value={item.status === "done" ? Math.max(item.size, 1) : Math.min(item.sent, item.size)}
        aria-label={t("upload.progressOf", { name })}
        aria-valuetext={`${formatBytes(item.sent)} / ${formatBytes(item.size)}`}
      />
      <span class="upload-state">{statusText(item)}</span>
      {!finished && (
        <button type="button" class="upload-cancel" aria-label={t("upload.cancel", { name })} title={t("upload.cancel", { name })} onClick={() => cancelUpload(item.id)}>
          ×
        </button>
      )}
    </li>
  );
}

/**
 * The uploads of this page, at the bottom right (across the bottom on a phone): each file with its
 * progress and a cancel button, the total above them. It stays until closed once everything is over.
 */
export function UploadPanel() {
  const [expanded, setExpanded] = useState(true);
  const items = uploads.value;
  const totals = uploadTotals.value;
  if (items.length === 0) return <ConflictDialog />;
  const title =
    totals.active > 0
      ? tn("upload.active", totals.active)
      : [totals.done > 0 ? tn("upload.doneCount", totals.done) : t("upload.nothingSent"), ...(totals.failed > 0 ? [tn("upload.failedCount", totals.failed)] : [])].join(", ");
  const progressText = t("upload.totalOf", { sent: formatBytes(totals.sent), total: formatBytes(totals.size) });
  return (
    <section class="upload-panel" aria-labelledby="upload-panel-title">
      <div class="upload-panel-header">
        <h2 id="upload-panel-title" class="upload-panel-title">
          {title}
        </h2>
        <button type="button" class="upload-panel-toggle" aria-expanded={expanded} aria-controls="upload-list" onClick={() => setExpanded(!expanded)}>
          {expanded ? t("upload.collapse") : t("upload.expand")}
        </button>
        {totals.active > 0 ? (
          <button type="button" class="button upload-cancel-all" onClick={cancelAllUploads}>
            {t("upload.cancelAll")}
          </button>
        ) : (
          <button type="button" class="upload-close" aria-label={t("upload.close")} title={t("upload.close")} onClick={clearFinished}>
            ×
          </button>
        )}
      </div>
      {totals.counted > 0 && (
        <div class="upload-total">
          <progress class="upload-progress" max={Math.max(totals.size, 1)} value={totals.size === 0 && totals.active === 0 ? 1 : totals.sent} aria-label={t("upload.totalLabel")} aria-valuetext={progressText} />
          <span class="upload-total-text">{progressText}</span>
        </div>
      )}
      <ul id="upload-list" class="upload-list" hidden={!expanded}>
        {items.map((item) => (
          <UploadRow key={item.id} item={item} />
        ))}
      </ul>
      {/* Read out once, when a batch ends; the changing numbers above would be noise. */}
      <p class="visually-hidden" role="status">
        {totals.active === 0 ? title : ""}
      </p>
      <ConflictDialog />
    </section>
  );
}
