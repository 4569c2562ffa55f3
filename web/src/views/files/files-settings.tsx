import { useState } from "preact/hooks";
import { t } from "../../i18n";
import { me } from "../../state/session";
import { CopyButton } from "../../ui/copy-button";
import { showHidden } from "./state";

/** Files' own settings: the WebDAV address that sync clients and file managers need, and hidden items. */
export function FilesSettings() {
  const [open, setOpen] = useState(false);
  const user = me.value;
  if (!user) return null;
  const davUrl = `${location.origin}/remote.php/dav/files/${encodeURIComponent(user.id)}/`;
  return (
    <div class="files-settings">
      <button type="button" class="sidebar-button" aria-expanded={open} aria-controls="files-settings-panel" onClick={() => setOpen(!open)}>
        <span class="icon icon-settings" aria-hidden="true" />
        {t("files.settings")}
      </button>
      <div id="files-settings-panel" class="files-settings-panel" hidden={!open}>
        <label for="webdav-url">{t("files.webdav")}</label>
        <div class="inline-field">
          <input id="webdav-url" readOnly value={davUrl} />
          <CopyButton text={davUrl} fieldId="webdav-url" label={t("files.copyWebdav")} />
        </div>
        <p class="hint">{t("files.webdavHint")}</p>
        <label class="checkbox">
          <input type="checkbox" checked={showHidden.value} onChange={(event) => (showHidden.value = event.currentTarget.checked)} />
          {t("files.showHidden")}
        </label>
      </div>
    </div>
  );
}
