import { useState } from "preact/hooks";
import { CREATE, DELETE, EMAIL_SHARE, GROUP_SHARE, SHARE, UPDATE, type ShareJson } from "../../../api/sharing";
import { t, type MessageKey } from "../../../i18n";
import { me } from "../../../state/session";
import { Status } from "../../../ui/status";
import { EndOptions } from "./share-options";
import { useShareUpdate } from "./use-share-update";

interface ShareRowProps {
  share: ShareJson;
  isFolder: boolean;
  /** The bits the asker holds on the item: no toggle offers more. */
  held: number;
  onChanged: (share: ShareJson) => void;
  onRemoved: (share: ShareJson) => void;
}

const TOGGLES: { bit: number; label: MessageKey; folderOnly: boolean }[] = [
  { bit: UPDATE, label: "details.share.canEdit", folderOnly: false },
  { bit: CREATE, label: "details.share.canCreate", folderOnly: true },
  { bit: DELETE, label: "details.share.canDelete", folderOnly: true },
  { bit: SHARE, label: "details.share.canReshare", folderOnly: false },
];

/** A share with a person, a group or an address: who, what they may do, and its options. */
export function ShareRow({ share: saved, isFolder, held, onChanged, onRemoved }: ShareRowProps) {
  const [open, setOpen] = useState(false);
  const { action, update, remove, shown: share } = useShareUpdate(saved, onChanged, onRemoved);
  const name = share.share_with_displayname || share.share_with || "";
  const idPrefix = `share-${share.id}`;
  const editable = share.can_edit && !action.busy;
  const byOther = share.uid_owner !== me.value?.id;
  const toggle = (bit: number, on: boolean) => update({ permissions: on ? share.permissions | bit : share.permissions & ~bit }, t("details.share.saved"));
  return (
    <li class="share-entry">
      <div role="group" aria-label={t("details.share.sharedWith", { name })}>
        <div class="share-head">
          <span class={share.share_type === GROUP_SHARE ? "avatar avatar-group" : "avatar"} aria-hidden="true">
            {name.slice(0, 1).toUpperCase()}
          </span>
          <span class="share-name">
            {name}
            {share.share_type === GROUP_SHARE && <span class="details-meta"> ({t("details.share.group")})</span>}
            {share.share_type === EMAIL_SHARE && <span class="details-meta"> ({t("details.share.email")})</span>}
            {byOther && <span class="details-meta share-by">{t("details.share.byOther", { name: share.displayname_owner })}</span>}
            {share.expiration && <span class="details-meta share-by">{t("details.share.expires", { date: share.expiration.slice(0, 10) })}</span>}
          </span>
          {share.can_edit && (
            <button
              type="button"
              class="button button-small"
              aria-expanded={open}
              aria-controls={`${idPrefix}-options`}
              aria-label={t("details.share.options", { name })}
              onClick={() => setOpen(!open)}
            >
              {t("details.options")}
            </button>
          )}
        </div>
        {share.share_type !== EMAIL_SHARE && (
          <fieldset class="share-permissions" disabled={!editable}>
            <legend class="visually-hidden">{t("details.share.permissions")}</legend>
            <div class="checkbox-list">
              {TOGGLES.filter((toggle) => isFolder || !toggle.folderOnly).map(({ bit, label }) => (
                <label key={bit} class="checkbox">
                  <input
                    type="checkbox"
                    checked={(share.permissions & bit) !== 0}
                    // What the asker does not hold cannot be granted; what is granted can still be taken back.
                    disabled={!(held & bit) && !(share.permissions & bit)}
                    onChange={(e) => void toggle(bit, e.currentTarget.checked)}
                  />
                  {t(label)}
                </label>
              ))}
            </div>
          </fieldset>
        )}
        <div id={`${idPrefix}-options`} class="share-options" hidden={!open}>
          <EndOptions share={share} idPrefix={idPrefix} update={update} disabled={!editable} busy={action.busy} remove={() => void remove()} />
        </div>
        <Status state={action} />
      </div>
    </li>
  );
}
