import { parentPath } from "../../api/files";
import {
  acceptShare,
  declineShare,
  deletedShares,
  pendingShares,
  restoreDeletedShare,
  sharedByMe,
  sharedWithMe,
  SHARE_TYPE,
  type ShareInfo,
} from "../../api/share-lists";
import { t, tn, type MessageKey } from "../../i18n";
import { Link } from "../../ui/link";
import { RelativeTime } from "../../ui/relative-time";
import { Status } from "../../ui/status";
import { useAction } from "../../ui/use-action";
import { EmptyState, LoadError, Loading } from "./empty-state";
import { ItemListHead, ItemNameCell } from "./item-list";
import { folderHref } from "./links";
import { useLoad } from "./use-load";

export type ShareListKind = "with-you" | "by-you" | "links" | "deleted" | "pending";

/** One row per item: an item shared with three people is one line naming them. */
interface ShareRow {
  key: string;
  name: string;
  /** Where the item is in the asker's files, when it is there. */
  path: string | null;
  isFolder: boolean;
  mime: string;
  itemId: number;
  /** "Partagé par Léa" or "Partagé avec Marc, Bureau". */
  who: string;
  stime: number;
  shares: ShareInfo[];
}

const baseName = (path: string) => path.split("/").filter(Boolean).pop() ?? path;

function rowsOf(kind: ShareListKind, shares: ShareInfo[]): ShareRow[] {
  const outgoing = kind === "by-you" || kind === "links";
  const groups = new Map<string, ShareInfo[]>();
  for (const share of shares) {
    const key = outgoing ? `item:${share.item_source}` : `share:${share.id}`;
    groups.set(key, [...(groups.get(key) ?? []), share]);
  }
  return [...groups.entries()].map(([key, list]) => {
    const first = list[0]!;
    const received = !outgoing;
    const who = received
      ? first.displayname_owner
      : kind === "links"
        ? tn("shares.linkCount", list.length)
        : [...new Set(list.map((s) => s.share_with_displayname ?? s.share_with ?? ""))].join(", ");
    return {
      key,
      name: baseName(received ? first.file_target : first.path),
      // Pending and deleted shares are in no folder of the asker's yet.
      path: kind === "pending" || kind === "deleted" ? null : first.path,
      isFolder: first.item_type === "folder",
      mime: first.mimetype,
      itemId: first.item_source,
      who,
      stime: Math.max(...list.map((s) => s.stime)),
      shares: list,
    };
  });
}

const LOADERS: Record<ShareListKind, () => Promise<ShareInfo[]>> = {
  "with-you": sharedWithMe,
  "by-you": async () => (await sharedByMe()).filter((s) => s.share_type !== SHARE_TYPE.link),
  links: async () => (await sharedByMe()).filter((s) => s.share_type === SHARE_TYPE.link),
  deleted: deletedShares,
  pending: pendingShares,
};

const TEXTS: Record<ShareListKind, { who: MessageKey; empty: MessageKey; emptyText: MessageKey; label: MessageKey }> = {
  "with-you": { who: "shares.sharedBy", empty: "shares.noneWithYou", emptyText: "shares.noneWithYouText", label: "files.sharesWithYou" },
  "by-you": { who: "shares.sharedWith", empty: "shares.noneByYou", emptyText: "shares.noneByYouText", label: "files.sharesByYou" },
  links: { who: "shares.links", empty: "shares.noneLinks", emptyText: "shares.noneLinksText", label: "files.sharesByLink" },
  deleted: { who: "shares.sharedBy", empty: "shares.noneDeleted", emptyText: "shares.noneDeletedText", label: "files.sharesDeleted" },
  pending: { who: "shares.sharedBy", empty: "shares.nonePending", emptyText: "shares.nonePendingText", label: "files.sharesPending" },
};

/** The item's place in Files: a folder is opened, a file is pointed at in its folder. */
const itemHref = (row: ShareRow) => (row.path === null ? null : row.isFolder ? folderHref(row.path) : folderHref(parentPath(row.path), row.itemId));

/** The lists under "Partages", with accept and decline for pending shares and restore for deleted ones. */
export function SharesView({ kind }: { kind: ShareListKind }) {
  const list = useLoad(LOADERS[kind], [kind]);
  const status = useAction();
  const texts = TEXTS[kind];

  const act = (action: () => Promise<unknown>, done: string) => status.run(action, done).then(list.reload);

  if (!list.data) return list.loading ? <Loading /> : <LoadError message={list.error ?? ""} />;
  const rows = rowsOf(kind, list.data).sort((a, b) => b.stime - a.stime);
  return (
    <div class="files-page">
      <Status state={status} />
      {rows.length === 0 ? (
        <EmptyState title={t(texts.empty)} text={t(texts.emptyText)} />
      ) : (
        <table class="file-table share-table" aria-label={t(texts.label)}>
          <ItemListHead infoClass="col-who" infoLabel={t(texts.who)} dateLabel={t("shares.date")} />
          <tbody>
            {rows.map((row) => {
              const href = itemHref(row);
              return (
                <tr key={row.key} class="file-row">
                  <ItemNameCell item={{ name: row.name, mime: row.mime, isFolder: row.isFolder }} shared detail={`${t(texts.who)} : ${row.who}`}>
                    {href ? (
                      <Link href={href} class="file-name">
                        {row.name}
                      </Link>
                    ) : (
                      <span class="file-name">{row.name}</span>
                    )}
                  </ItemNameCell>
                  <td class="col-actions share-actions">
                    {kind === "pending" && (
                      <>
                        <button type="button" class="button button-primary" disabled={status.busy} aria-label={t("shares.acceptNamed", { name: row.name })} onClick={() => void act(() => acceptShare(row.shares[0]!.id), t("shares.accepted", { name: row.name }))}>
                          {t("shares.accept")}
                        </button>
                        <button type="button" class="button" disabled={status.busy} aria-label={t("shares.declineNamed", { name: row.name })} onClick={() => void act(() => declineShare(row.shares[0]!.id), t("shares.declined", { name: row.name }))}>
                          {t("shares.decline")}
                        </button>
                      </>
                    )}
                    {kind === "deleted" && (
                      <button type="button" class="button" disabled={status.busy} aria-label={t("shares.restoreNamed", { name: row.name })} onClick={() => void act(() => restoreDeletedShare(row.shares[0]!.id), t("shares.restored", { name: row.name }))}>
                        {t("shares.restore")}
                      </button>
                    )}
                  </td>
                  <td class="col-who">{row.who}</td>
                  <td class="col-mtime">
                    <RelativeTime epochMs={row.stime * 1000} />
                  </td>
                </tr>
              );
            })}
          </tbody>
        </table>
      )}
    </div>
  );
}
