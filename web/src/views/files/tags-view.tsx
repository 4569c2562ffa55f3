import { taggedFiles } from "../../api/files";
import { listTags } from "../../api/tags";
import { t } from "../../i18n";
import { followLink, search } from "../../router";
import { EmptyState, LoadError, Loading } from "./empty-state";
import { FlatListView } from "./flat-list-view";
import { useLoad } from "./use-load";

const tagHref = (id: number) => `/files/tags?tag=${id}`;

/** "Étiquettes": the tags one may see; picking one lists one's files that carry it. */
export function TagsView() {
  const tags = useLoad(listTags, []);
  const chosen = Number(new URLSearchParams(search.value).get("tag")) || null;
  if (!tags.data) return tags.loading ? <Loading /> : <LoadError message={tags.error ?? ""} />;
  const tag = tags.data.find((x) => x.id === chosen);
  return (
    <div class="files-page">
      {tags.data.length === 0 ? (
        <EmptyState title={t("files.noTags")} text={t("files.noTagsText")} />
      ) : (
        <nav aria-label={t("files.tagList")}>
          <ul class="tag-list">
            {tags.data.map((x) => (
              <li key={x.id}>
                <a href={tagHref(x.id)} class="tag-chip" aria-current={x.id === chosen ? "page" : undefined} onClick={followLink}>
                  {x.name}
                </a>
              </li>
            ))}
          </ul>
        </nav>
      )}
      {tag && (
        <section aria-labelledby="tag-title">
          <h2 id="tag-title">{t("files.taggedWith", { name: tag.name })}</h2>
          <FlatListView
            load={() => taggedFiles(tag.id)}
            deps={[tag.id]}
            label={t("files.taggedWith", { name: tag.name })}
            emptyTitle={t("files.noTagged")}
            emptyText={t("files.noTaggedText")}
          />
        </section>
      )}
    </div>
  );
}
