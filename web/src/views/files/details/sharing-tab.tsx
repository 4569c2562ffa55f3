import { useEffect, useState } from "preact/hooks";
import { can } from "../../../api/files";
import { createShare, LINK_SHARE, sharesOf, type Sharee, type ShareJson } from "../../../api/sharing";
import { t } from "../../../i18n";
import { describeError } from "../../../ui/errors";
import { Status } from "../../../ui/status";
import { useAction } from "../../../ui/use-action";
import { heldBits, type DetailsNode } from "./details-node";
import { LinkShare } from "./link-share";
import { InternalLink } from "./internal-link";
import { OtherAccess, SharedWithYou } from "./other-access";
import { ShareeSearch, shareeKey } from "./sharee-search";
import { ShareRow } from "./share-row";

/**
 * Nextcloud's Partage tab: who shared it with you, sharing with people and groups, share links,
 * others with access through a parent folder, and the internal link.
 */
export function SharingTab({ node }: { node: DetailsNode }) {
  const [shares, setShares] = useState<ShareJson[] | null>(null);
  const [loadError, setLoadError] = useState<string | null>(null);
  const action = useAction();
  const sharable = can.reshare(node);
  const held = heldBits(node);

  useEffect(() => {
    let live = true;
    setShares(null);
    setLoadError(null);
    sharesOf(node.path).then(
      (list) => live && setShares(list),
      (failure: unknown) => live && setLoadError(describeError(failure)),
    );
    return () => {
      live = false;
    };
  }, [node.id, node.path]);

  const changed = (share: ShareJson) => setShares((list) => (list ?? []).map((s) => (s.id === share.id ? share : s)));
  const added = (share: ShareJson) => setShares((list) => [...(list ?? []), share]);
  const removed = (share: ShareJson) => {
    setShares((list) => (list ?? []).filter((s) => s.id !== share.id));
    // The row that would have said so is gone: the tab says it.
    void action.run(async () => undefined, t(share.share_type === LINK_SHARE ? "details.link.removed" : "details.share.removed"));
  };

  const shareWith = (sharee: Sharee) =>
    action.run(
      async () => added(await createShare({ path: node.path, shareType: sharee.value.shareType, shareWith: sharee.value.shareWith })),
      t("details.share.created", { name: sharee.label }),
    );
  const createLink = () => action.run(async () => added(await createShare({ path: node.path, shareType: LINK_SHARE })), t("details.link.created"));

  const people = shares?.filter((s) => s.share_type !== LINK_SHARE) ?? [];
  const links = shares?.filter((s) => s.share_type === LINK_SHARE) ?? [];
  const taken = new Set(people.map((s) => shareeKey(s.share_type, s.share_with)));
  const itemType = node.isFolder ? "folder" : "file";

  return (
    <div class="sharing">
      <SharedWithYou node={node} />
      {!sharable && <p class="hint share-refused">{t("details.share.noRight")}</p>}
      {sharable && <ShareeSearch idPrefix={`sharee-${node.id}`} itemType={itemType} taken={taken} onPick={shareWith} />}
      <Status state={action} />
      {loadError && (
        <p class="status status-error" role="alert">
          {loadError}
        </p>
      )}
      {!shares && !loadError && <p role="status">{t("common.loading")}</p>}

      {shares && (sharable || links.length > 0) && (
        <section class="details-section" aria-labelledby={`links-${node.id}`}>
          <h3 id={`links-${node.id}`}>{t("details.link.title")}</h3>
          {links.length > 0 && (
            <ul class="details-list">
              {links.map((share, index) => (
                <LinkShare key={share.id} share={share} index={index} isFolder={node.isFolder} held={held} onChanged={changed} onRemoved={removed} />
              ))}
            </ul>
          )}
          {sharable && (
            <button type="button" class="button" disabled={action.busy} onClick={() => void createLink()}>
              {links.length ? t("details.link.another") : t("details.link.create")}
            </button>
          )}
        </section>
      )}

      {shares && (sharable || people.length > 0) && (
        <section class="details-section" aria-labelledby={`people-${node.id}`}>
          <h3 id={`people-${node.id}`}>{t("details.share.people")}</h3>
          {people.length ? (
            <ul class="details-list">
              {people.map((share) => (
                <ShareRow key={share.id} share={share} isFolder={node.isFolder} held={held} onChanged={changed} onRemoved={removed} />
              ))}
            </ul>
          ) : (
            <p class="hint">{t("details.share.none")}</p>
          )}
        </section>
      )}

      <OtherAccess node={node} />
      <InternalLink id={node.id} />
    </div>
  );
}
