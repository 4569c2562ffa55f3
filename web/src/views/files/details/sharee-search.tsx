import { useEffect, useRef, useState } from "preact/hooks";
import { EMAIL_SHARE, GROUP_SHARE, searchSharees, type Sharee } from "../../../api/sharing";
import { t } from "../../../i18n";
import { describeError } from "../../../ui/errors";

const DEBOUNCE_MS = 300;

interface ShareeSearchProps {
  idPrefix: string;
  itemType: "file" | "folder";
  /** `${shareType}:${shareWith}` of the recipients the item already has. */
  taken: ReadonlySet<string>;
  onPick: (sharee: Sharee) => Promise<boolean>;
}

export const shareeKey = (shareType: number, shareWith: string | null) => `${shareType}:${shareWith ?? ""}`;

/**
 * An ARIA combobox: the sharees API is asked once typing pauses; arrows move through the answers,
 * Enter shares with the one highlighted, Escape closes the list.
 */
export function ShareeSearch({ idPrefix, itemType, taken, onPick }: ShareeSearchProps) {
  const [term, setTerm] = useState("");
  const [results, setResults] = useState<Sharee[] | null>(null);
  const [active, setActive] = useState(-1);
  const [searching, setSearching] = useState(false);
  const [error, setError] = useState<string | null>(null);
  const asked = useRef(0);
  const listId = `${idPrefix}-sharees`;

  useEffect(() => {
    const search = term.trim();
    if (!search) {
      setResults(null);
      setSearching(false);
      return;
    }
    setSearching(true);
    const timer = setTimeout(async () => {
      const mine = ++asked.current;
      try {
        const found = await searchSharees(search, itemType);
        // An older answer arriving late must not replace a newer one.
        if (mine !== asked.current) return;
        setResults(found.filter((s) => !taken.has(shareeKey(s.value.shareType, s.value.shareWith))));
        setActive(-1);
        setError(null);
      } catch (failure) {
        if (mine === asked.current) setError(describeError(failure));
      } finally {
        if (mine === asked.current) setSearching(false);
      }
    }, DEBOUNCE_MS);
    return () => clearTimeout(timer);
  }, [term]);

  const pick = async (sharee: Sharee) => {
    if (await onPick(sharee)) {
      setTerm("");
      setResults(null);
    }
  };

  const keyDown = (event: KeyboardEvent) => {
    const count = results?.length ?? 0;
    if (event.key === "ArrowDown" && count) {
      event.preventDefault();
      setActive((active + 1) % count);
    } else if (event.key === "ArrowUp" && count) {
      event.preventDefault();
      setActive((active - 1 + count) % count);
    } else if (event.key === "Enter") {
      event.preventDefault();
      const chosen = results?.[active] ?? (count === 1 ? results?.[0] : undefined);
      if (chosen) void pick(chosen);
    } else if (event.key === "Escape" && results) {
      event.stopPropagation();
      setResults(null);
    }
  };

  const open = results !== null;
  return (
    <div class="sharee-search">
      <label for={`${idPrefix}-input`}>{t("details.share.searchLabel")}</label>
      <input
        id={`${idPrefix}-input`}
        type="search"
        role="combobox"
        autocomplete="off"
        aria-autocomplete="list"
        aria-expanded={open}
        aria-controls={listId}
        aria-activedescendant={open && active >= 0 ? `${listId}-${active}` : undefined}
        placeholder={t("details.share.search")}
        value={term}
        onInput={(e) => setTerm(e.currentTarget.value)}
        onKeyDown={keyDown}
      />
      <p class="details-meta" role="status">
        {searching ? t("details.share.searching") : open && !results.length ? t("details.share.noResults") : ""}
      </p>
      {error && (
        <p class="status status-error" role="alert">
          {error}
        </p>
      )}
      <ul id={listId} role="listbox" class="sharee-results" hidden={!open || !results.length} aria-label={t("details.share.searchLabel")}>
        {results?.map((sharee, index) => (
          <li
            key={shareeKey(sharee.value.shareType, sharee.value.shareWith)}
            id={`${listId}-${index}`}
            role="option"
            aria-selected={index === active}
            class={index === active ? "sharee active" : "sharee"}
            // mousedown, not click: the field keeps its focus.
            onMouseDown={(e) => e.preventDefault()}
            onClick={() => void pick(sharee)}
          >
            <span class="sharee-label">{sharee.label}</span>
            <span class="details-meta">
              {sharee.value.shareType === GROUP_SHARE
                ? t("details.share.group")
                : sharee.value.shareType === EMAIL_SHARE
                  ? t("details.share.email")
                  : sharee.shareWithDisplayNameUnique && sharee.shareWithDisplayNameUnique !== sharee.label
                    ? sharee.shareWithDisplayNameUnique
                    : sharee.value.shareWith}
            </span>
          </li>
        ))}
      </ul>
    </div>
  );
}
