import { useEffect, useState } from "preact/hooks";
import { CREATE, DELETE, READ, UPDATE, type ShareJson } from "../../../api/sharing";
import { t } from "../../../i18n";
import { CopyButton } from "../../../ui/copy-button";
import { Status } from "../../../ui/status";
import { EndOptions, PasswordOption, type UpdateShare } from "./share-options";
import { useShareUpdate } from "./use-share-update";

type Access = "read" | "edit" | "drop";

interface LinkShareProps {
  share: ShareJson;
  /** Its place among the item's links: unnamed links after the first are numbered, as in Nextcloud. */
  index: number;
  isFolder: boolean;
  held: number;
  onChanged: (share: ShareJson) => void;
  onRemoved: (share: ShareJson) => void;
}

const accessOf = (permissions: number): Access => (permissions === CREATE ? "drop" : permissions & (UPDATE | CREATE | DELETE) ? "edit" : "read");

/** A folder link reads, lets visitors change everything (Nextcloud's publicUpload), or only takes uploads. */
function FolderAccess({ share, idPrefix, update, held, disabled }: { share: ShareJson; idPrefix: string; update: UpdateShare; held: number; disabled: boolean }) {
  const current = accessOf(share.permissions);
  const choices: { value: Access; label: string; allowed: boolean }[] = [
    { value: "read", label: t("details.link.readOnly"), allowed: true },
    { value: "edit", label: t("details.link.allowEdit"), allowed: (held & (UPDATE | CREATE | DELETE)) === (UPDATE | CREATE | DELETE) },
    { value: "drop", label: t("details.link.fileDrop"), allowed: (held & CREATE) !== 0 },
  ];
  const choose = (value: Access) => {
    const changes = value === "edit" ? { publicUpload: true } : { permissions: value === "drop" ? CREATE : READ };
    void update(changes, t("details.share.saved"));
  };
  return (
    <fieldset class="share-option" disabled={disabled}>
      <legend>{t("details.link.access")}</legend>
      {choices.map((choice) => (
        <label key={choice.value} class="checkbox radio">
          <input
            type="radio"
            name={`${idPrefix}-access`}
            value={choice.value}
            checked={current === choice.value}
            disabled={!choice.allowed && current !== choice.value}
            onChange={() => choose(choice.value)}
          />
          {choice.label}
        </label>
      ))}
    </fieldset>
  );
}

/** One share link: its address to copy, and Nextcloud's link options. */
export function LinkShare({ share: saved, index, isFolder, held, onChanged, onRemoved }: LinkShareProps) {
  const [open, setOpen] = useState(false);
  const { action, update, remove, shown: share } = useShareUpdate(saved, onChanged, onRemoved);
  const [label, setLabel] = useState(share.label ?? "");
  useEffect(() => setLabel(share.label ?? ""), [share.label]);
  const idPrefix = `link-${share.id}`;
  const title = share.label || index > 0 ? t("details.link.named", { label: share.label || String(index + 1) }) : t("details.link.name");
  const url = share.url ?? "";
  const disabled = !share.can_edit || action.busy;
  const flags = [share.password !== null && t("details.link.flags"), share.permissions === CREATE && t("details.link.dropFlag"), share.expiration && t("details.share.expires", { date: share.expiration.slice(0, 10) })].filter(Boolean);
  return (
    <li class="share-entry link-entry">
      <div role="group" aria-labelledby={`${idPrefix}-title`}>
        <div class="share-head">
          <span class="avatar avatar-link" aria-hidden="true">
              <svg viewBox="0 0 24 24">
                <path d="M10 14a4 4 0 0 0 5.7 0l3-3a4 4 0 0 0-5.7-5.7l-1 1M14 10a4 4 0 0 0-5.7 0l-3 3a4 4 0 0 0 5.7 5.7l1-1" />
              </svg>
            </span>
          <span class="share-name">
            <span id={`${idPrefix}-title`}>{title}</span>
            {flags.length > 0 && <span class="details-meta share-by">{flags.join(" · ")}</span>}
          </span>
          {share.can_edit && (
            <button type="button" class="button button-small" aria-expanded={open} aria-controls={`${idPrefix}-options`} onClick={() => setOpen(!open)}>
              {t("details.link.options")}
            </button>
          )}
        </div>
        <div class="inline-field">
          <label for={`${idPrefix}-url`} class="visually-hidden">
            {t("details.link.address")}
          </label>
          <input id={`${idPrefix}-url`} readOnly value={url} />
          <CopyButton text={url} fieldId={`${idPrefix}-url`} label={t("details.link.copy")} />
        </div>
        <div id={`${idPrefix}-options`} class="share-options" hidden={!open}>
          <form
            class="share-option"
            onSubmit={(e) => {
              e.preventDefault();
              void update({ label: label.trim() }, t("details.share.saved"));
            }}
          >
            <label for={`${idPrefix}-label`}>{t("details.link.label")}</label>
            <div class="inline-field">
              <input id={`${idPrefix}-label`} value={label} maxLength={255} disabled={disabled} onInput={(e) => setLabel(e.currentTarget.value)} />
              <button type="submit" class="button" disabled={disabled || label.trim() === (share.label ?? "")}>
                {t("details.link.saveLabel")}
              </button>
            </div>
          </form>
          {isFolder ? (
            <FolderAccess share={share} idPrefix={idPrefix} update={update} held={held} disabled={disabled} />
          ) : (
            <div class="share-option">
              <label class="checkbox">
                <input
                  type="checkbox"
                  checked={(share.permissions & UPDATE) !== 0}
                  disabled={disabled || (!(held & UPDATE) && !(share.permissions & UPDATE))}
                  onChange={(e) => void update({ permissions: e.currentTarget.checked ? READ | UPDATE : READ }, t("details.share.saved"))}
                />
                {t("details.link.allowEdit")}
              </label>
            </div>
          )}
          <div class="share-option">
            <label class="checkbox">
              <input type="checkbox" checked={share.hide_download === 1} disabled={disabled} onChange={(e) => void update({ hideDownload: e.currentTarget.checked }, t("details.share.saved"))} />
              {t("details.link.hideDownload")}
            </label>
          </div>
          <PasswordOption share={share} idPrefix={idPrefix} update={update} disabled={disabled} />
          <EndOptions share={share} idPrefix={idPrefix} update={update} disabled={disabled} busy={action.busy} remove={() => void remove()} />
        </div>
        <Status state={action} />
      </div>
    </li>
  );
}
