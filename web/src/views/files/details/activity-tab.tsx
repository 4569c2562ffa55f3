import { useEffect, useState } from "preact/hooks";
import { activityOf, type Activity } from "../../../api/activity";
import { LINK_SHARE } from "../../../api/sharing";
import { t, type MessageKey } from "../../../i18n";
import { me } from "../../../state/session";
import { describeError } from "../../../ui/errors";
import { RelativeTime } from "../../../ui/relative-time";
import type { DetailsNode } from "./details-node";

const PAGE = 30;
const baseName = (path: string | null) => path?.split("/").filter(Boolean).pop() ?? "";

/** Sentence keys per activity type; each has a "you" form, because French conjugates ("Vous avez créé"). */
const SENTENCES: Partial<Record<string, string>> = {
  file_created: "file_created",
  file_changed: "file_changed",
  file_moved: "file_moved",
  file_deleted: "file_deleted",
  file_restored: "file_restored",
  comment_added: "comment_added",
  tags_changed: "tags_changed",
};

function sentenceKey(activity: Activity): string {
  const details = activity.details ?? {};
  if (activity.type === "shared" || activity.type === "unshared") {
    if (details.shareType === LINK_SHARE) return activity.type === "shared" ? "sharedLink" : "unshared";
    if (typeof details.shareWith === "string") return `${activity.type}With`;
    return activity.type;
  }
  return SENTENCES[activity.type] ?? "other";
}

/** One line of the stream in the reader's language: "Vous avez partagé Devoirs avec lea". */
function sentence(activity: Activity, fallbackName: string): string {
  const myId = me.value?.id;
  const name = baseName(activity.path) || fallbackName;
  if (activity.type === "public_link_downloaded") return t("details.activity.public_link_downloaded", { name });
  const key = sentenceKey(activity);
  const details = activity.details ?? {};
  const shareWith = typeof details.shareWith === "string" ? details.shareWith : "";
  const params = {
    name,
    actor: activity.actorId ?? t("details.activity.someone"),
    from: typeof details.from === "string" ? details.from : "",
    with: shareWith === myId ? t("details.activity.withYou") : shareWith,
  };
  if (key === "other") return t("details.activity.other", { ...params, name: `${activity.type} ${name}` });
  const mine = activity.actorId !== null && activity.actorId === myId;
  return t((mine ? `details.activity.you.${key}` : `details.activity.${key}`) as MessageKey, params);
}

/** The item's activity, newest first, paged on demand. */
export function ActivityTab({ node }: { node: DetailsNode }) {
  const [entries, setEntries] = useState<Activity[] | null>(null);
  const [more, setMore] = useState(false);
  const [error, setError] = useState<string | null>(null);

  const load = async (before?: number) => {
    setError(null);
    try {
      const page = await activityOf(node.id, { before, limit: PAGE });
      setEntries((shown) => [...(before ? (shown ?? []) : []), ...page]);
      setMore(page.length === PAGE);
    } catch (failure) {
      setError(describeError(failure));
    }
  };
  useEffect(() => {
    setEntries(null);
    void load();
  }, [node.id]);

  if (error) return <p class="status status-error" role="alert">{error}</p>;
  if (!entries) return <p role="status">{t("common.loading")}</p>;
  if (!entries.length) return <p class="hint">{t("details.activity.none")}</p>;
  return (
    <>
      <ul class="details-list activity-list">
        {entries.map((entry) => (
          <li key={entry.id} class="activity-entry">
            <span class="activity-text">{sentence(entry, node.name)}</span>
            <span class="details-meta">
              <RelativeTime epochMs={entry.createdAt * 1000} />
            </span>
          </li>
        ))}
      </ul>
      {more && (
        <button type="button" class="button" onClick={() => void load(entries[entries.length - 1]?.id)}>
          {t("details.loadMore")}
        </button>
      )}
    </>
  );
}
