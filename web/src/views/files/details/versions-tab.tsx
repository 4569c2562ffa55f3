import { useEffect, useState } from "preact/hooks";
import { can } from "../../../api/files";
import { labelVersion, listVersions, restoreVersion, versionContentUrl, type FileVersion } from "../../../api/versions";
import { t } from "../../../i18n";
import { formatBytes, formatDateTime } from "../../../i18n/format";
import { useConfirm } from "../../../ui/confirm";
import { describeError } from "../../../ui/errors";
import { RelativeTime } from "../../../ui/relative-time";
import { Status } from "../../../ui/status";
import { useAction } from "../../../ui/use-action";
import type { DetailsNode } from "./details-node";

interface VersionsTabProps {
  node: DetailsNode;
  /** After a restore the file has new content: its size and date. */
  onRestored?: (changes: { size: number; mtime: number }) => void;
}

/** Escape leaves an inline form without closing the whole sidebar. */
function escapeTo(event: KeyboardEvent, cancel: () => void) {
  if (event.key !== "Escape") return;
  event.stopPropagation();
  cancel();
}

function LabelForm({ version, fileId, onSaved, onCancel }: { version: FileVersion; fileId: number; onSaved: (v: FileVersion) => void; onCancel: () => void }) {
  const [label, setLabel] = useState(version.label ?? "");
  const action = useAction();
  const id = `version-label-${version.id}`;
  return (
    <form
      class="inline-form version-label-form"
      onSubmit={(event) => {
        event.preventDefault();
        void action.run(async () => onSaved(await labelVersion(fileId, version.id, label.trim() || null)));
      }}
    >
      <label for={id}>{t("details.versions.nameLabel", { date: formatDateTime(version.mtime * 1000) })}</label>
      <div class="inline-field">
        <input id={id} value={label} maxLength={250} onInput={(e) => setLabel(e.currentTarget.value)} onKeyDown={(e) => escapeTo(e, onCancel)} />
        <button type="submit" class="button button-primary" disabled={action.busy}>
          {t("details.versions.saveName")}
        </button>
        <button type="button" class="button" onClick={onCancel}>
          {t("action.cancel")}
        </button>
      </div>
      <Status state={action} />
    </form>
  );
}

/** A file's previous contents: download one, name it, or bring it back (the current one becomes a version). */
export function VersionsTab({ node, onRestored }: VersionsTabProps) {
  const [versions, setVersions] = useState<FileVersion[] | null>(null);
  const [naming, setNaming] = useState<number | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const action = useAction();
  const { dialog, ask } = useConfirm();
  const writable = can.write(node);

  const load = async () => {
    try {
      setVersions(await listVersions(node.id));
      setLoadError(null);
    } catch (failure) {
      setLoadError(describeError(failure));
    }
  };
  useEffect(() => {
    setVersions(null);
    void load();
  }, [node.id]);

  const restore = async (version: FileVersion) => {
    const date = formatDateTime(version.mtime * 1000);
    if (!(await ask(t("details.versions.confirmRestore", { date }), t("details.versions.restore")))) return;
    await action.run(async () => {
      const restored = await restoreVersion(node.id, version.id);
      onRestored?.({ size: restored.size, mtime: restored.mtime });
      await load();
    }, t("details.versions.restored"));
  };

  return (
    <div class="versions">
      <Status state={action} />
      <ul class="details-list version-list">
        <li class="version version-current">
          <div class="version-head">
            <strong>{t("details.versions.current")}</strong>
            <span class="details-meta">
              <RelativeTime epochMs={node.mtime * 1000} /> · {formatBytes(node.size)}
            </span>
          </div>
        </li>
        {versions?.map((version) => {
          const date = formatDateTime(version.mtime * 1000);
          return (
            <li key={version.id} class="version">
              <div class="version-head">
                <a href={versionContentUrl(node.id, version.id)} download={node.name} aria-label={`${t("details.versions.download")} (${date})`}>
                  <RelativeTime epochMs={version.mtime * 1000} />
                </a>
                {version.label && <span class="version-label">{version.label}</span>}
                <span class="details-meta">
                  {formatBytes(version.size)}
                  {version.author && ` · ${t("details.versions.by", { name: version.author })}`}
                </span>
              </div>
              {naming === version.id ? (
                <LabelForm
                  version={version}
                  fileId={node.id}
                  onCancel={() => setNaming(null)}
                  onSaved={(saved) => {
                    setVersions((list) => (list ?? []).map((v) => (v.id === saved.id ? { ...v, label: saved.label } : v)));
                    setNaming(null);
                  }}
                />
              ) : (
                writable && (
                  <div class="version-actions">
                    <button type="button" class="button button-small" onClick={() => void restore(version)} aria-label={t("details.versions.restoreLabel", { date })} disabled={action.busy}>
                      {t("details.versions.restore")}
                    </button>
                    <button type="button" class="button button-small" onClick={() => setNaming(version.id)}>
                      {t("details.versions.name")}
                    </button>
                  </div>
                )
              )}
            </li>
          );
        })}
      </ul>
      {versions && !versions.length && <p class="hint">{t("details.versions.none")}</p>}
      {!versions && !loadError && <p role="status">{t("common.loading")}</p>}
      {loadError && (
        <p class="status status-error" role="alert">
          {loadError}
        </p>
      )}
      {dialog}
    </div>
  );
}
