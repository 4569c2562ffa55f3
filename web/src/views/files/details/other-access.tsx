import { useEffect, useState } from "preact/hooks";
import { GROUP_SHARE, LINK_SHARE } from "../../../api/sharing";
import { sharedByMe, sharedWithMe, type ShareInfo } from "../../../api/share-lists";
import { t } from "../../../i18n";
import { describeError } from "../../../ui/errors";
import { isSharedWithMe } from "../../../api/files";
import { ancestorsOf, type DetailsNode } from "./details-node";

const within = (node: DetailsNode, path: string) => node.path === path || node.path.startsWith(`${path}/`);

/** "Partagé avec vous par X" for an item inside a share the asker received, with the sharer's note. */
export function SharedWithYou({ node }: { node: DetailsNode }) {
  const [shares, setShares] = useState<ShareInfo[]>([]);
  const received = isSharedWithMe(node);
  useEffect(() => {
    setShares([]);
    if (!received) return;
    let live = true;
    sharedWithMe().then(
      (list) => live && setShares(list.filter((s) => within(node, s.path))),
      // Only a hint: without it the rest of the tab still works.
      (error: unknown) => console.warn("[cumulus] received shares", error),
    );
    return () => {
      live = false;
    };
  }, [node.id, node.path, received]);
  if (!shares.length) return null;
  return (
    <ul class="details-list shared-with-you">
      {shares.map((share) => (
        <li key={share.id} class="share-entry">
          <div class="share-head">
            <span class="avatar" aria-hidden="true">
              {share.displayname_owner.slice(0, 1).toUpperCase()}
            </span>
            <span class="share-name">
              {share.share_type === GROUP_SHARE
                ? t("details.share.sharedWithYouGroup", { name: share.displayname_owner, group: share.share_with_displayname ?? share.share_with ?? "" })
                : t("details.share.sharedWithYou", { name: share.displayname_owner })}
              {share.note && <span class="share-note">{share.note}</span>}
            </span>
          </div>
        </li>
      ))}
    </ul>
  );
}

/** Shares of the folders above the item that the asker can see: they reach this item too. */
export function OtherAccess({ node }: { node: DetailsNode }) {
  const [open, setOpen] = useState(false);
  const [shares, setShares] = useState<ShareInfo[] | null>(null);
  const [error, setError] = useState<string | null>(null);
  const ancestors = ancestorsOf(node.path);
  useEffect(() => {
    setShares(null);
    setOpen(false);
  }, [node.id]);
  useEffect(() => {
    if (!open || shares) return;
    sharedByMe().then(
      (list) => setShares(list.filter((s) => ancestors.includes(s.path))),
      (failure: unknown) => setError(describeError(failure)),
    );
  }, [open, shares]);
  if (!ancestors.length) return null;
  const panelId = `others-${node.id}`;
  return (
    <section class="details-section other-access">
      <h3>
        <button type="button" class="disclosure" aria-expanded={open} aria-controls={panelId} onClick={() => setOpen(!open)}>
          {t("details.share.others")}
        </button>
      </h3>
      <div id={panelId} hidden={!open}>
        {error && (
          <p class="status status-error" role="alert">
            {error}
          </p>
        )}
        {open && !shares && !error && <p role="status">{t("common.loading")}</p>}
        {shares && !shares.length && <p class="hint">{t("details.share.othersNone")}</p>}
        {shares && shares.length > 0 && (
          <ul class="details-list">
            {shares.map((share) => (
              <li key={share.id} class="share-entry">
                <span class="share-name">
                  {share.share_type === LINK_SHARE ? t("details.share.othersLink", { path: share.path }) : (share.share_with_displayname ?? share.share_with)}
                  {share.share_type !== LINK_SHARE && <span class="details-meta share-by">{t("details.share.othersVia", { name: share.displayname_owner, path: share.path })}</span>}
                </span>
              </li>
            ))}
          </ul>
        )}
      </div>
    </section>
  );
}
