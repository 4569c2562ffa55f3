import { useEffect, useState } from "preact/hooks";
import { COMMENTS_PAGE, deleteComment, editComment, listComments, markCommentsRead, MAX_COMMENT_LENGTH, postComment, type FileComment } from "../../../api/comments";
import { formatNumber, t } from "../../../i18n";
import { me } from "../../../state/session";
import { useConfirm } from "../../../ui/confirm";
import { describeError } from "../../../ui/errors";
import { RelativeTime } from "../../../ui/relative-time";
import { Status } from "../../../ui/status";
import { useAction } from "../../../ui/use-action";
import type { DetailsNode } from "./details-node";

interface ComposerProps {
  id: string;
  label: string;
  initial?: string;
  submitLabel: string;
  onSubmit: (message: string) => Promise<boolean>;
  onCancel?: () => void;
}

/** A comment's text: Enter sends, Shift+Enter breaks the line, at most MAX_COMMENT_LENGTH characters. */
function Composer({ id, label, initial = "", submitLabel, onSubmit, onCancel }: ComposerProps) {
  const [text, setText] = useState(initial);
  const [busy, setBusy] = useState(false);
  const left = MAX_COMMENT_LENGTH - [...text].length;
  const send = async () => {
    const message = text.trim();
    if (!message || left < 0 || busy) return;
    setBusy(true);
    const sent = await onSubmit(message);
    setBusy(false);
    if (sent && !initial) setText("");
  };
  const keyDown = (event: KeyboardEvent) => {
    if (event.key === "Enter" && !event.shiftKey && !event.isComposing) {
      event.preventDefault();
      void send();
    } else if (event.key === "Escape" && onCancel) {
      event.stopPropagation();
      onCancel();
    }
  };
  return (
    <form
      class="comment-composer"
      onSubmit={(event) => {
        event.preventDefault();
        void send();
      }}
    >
      <label for={id} class={initial ? "visually-hidden" : undefined}>
        {label}
      </label>
      <textarea
        id={id}
        rows={initial ? 3 : 2}
        value={text}
        placeholder={t("details.comments.placeholder")}
        aria-describedby={`${id}-left`}
        aria-invalid={left < 0}
        onInput={(event) => setText(event.currentTarget.value)}
        onKeyDown={keyDown}
      />
      <div class="comment-composer-actions">
        <span id={`${id}-left`} class={left < 0 ? "details-meta status-error" : "details-meta"} aria-live="polite">
          {left < 100 ? (left < 0 ? t("details.comments.tooLong", { count: formatNumber(MAX_COMMENT_LENGTH) }) : t("details.comments.left", { count: formatNumber(left) })) : ""}
        </span>
        {onCancel && (
          <button type="button" class="button" onClick={onCancel}>
            {t("action.cancel")}
          </button>
        )}
        <button type="submit" class="button button-primary" disabled={busy || !text.trim() || left < 0}>
          {submitLabel}
        </button>
      </div>
    </form>
  );
}

/** The item's comments, newest first: anyone who sees it comments; authors edit and delete their own. */
export function CommentsTab({ node, onRead }: { node: DetailsNode; onRead?: () => void }) {
  const [comments, setComments] = useState<FileComment[] | null>(null);
  const [editing, setEditing] = useState<number | null>(null);
  const [more, setMore] = useState(false);
  const [loadError, setLoadError] = useState<string | null>(null);
  const action = useAction();
  const { dialog, ask } = useConfirm();
  const myId = me.value?.id;
  // One's own words are never news to oneself.
  const unread = (comment: FileComment) => comment.isUnread && comment.actorId !== myId;

  useEffect(() => {
    let live = true;
    setComments(null);
    setLoadError(null);
    (async () => {
      try {
        const list = await listComments(node.id);
        if (!live) return;
        // A comment posted while the list was loading stays: the answer may predate it.
        setComments((shown) => [...(shown ?? []).filter((c) => !list.some((loaded) => loaded.id === c.id)), ...list]);
        setMore(list.length === COMMENTS_PAGE);
        // Opening the tab reads them: the markers stay on screen for this visit, and are gone next time.
        if (list.some((c) => c.isUnread)) {
          await markCommentsRead(node.id);
          onRead?.();
        }
      } catch (failure) {
        if (live) setLoadError(describeError(failure));
      }
    })();
    return () => {
      live = false;
    };
  }, [node.id]);

  const loadMore = () =>
    action.run(async () => {
      const page = await listComments(node.id, comments?.length ?? 0);
      setComments((list) => [...(list ?? []), ...page.filter((c) => !list?.some((shown) => shown.id === c.id))]);
      setMore(page.length === COMMENTS_PAGE);
    });

  const post = (message: string) =>
    action.run(async () => {
      const comment = await postComment(node.id, message);
      setComments((list) => [comment, ...(list ?? [])]);
    });

  const save = (id: number, message: string) =>
    action.run(async () => {
      const comment = await editComment(node.id, id, message);
      setComments((list) => (list ?? []).map((c) => (c.id === id ? comment : c)));
      setEditing(null);
    });

  const remove = async (comment: FileComment) => {
    if (!(await ask(t("details.comments.confirmDelete"), t("action.delete")))) return;
    await action.run(async () => {
      await deleteComment(node.id, comment.id);
      setComments((list) => (list ?? []).filter((c) => c.id !== comment.id));
    }, t("details.comments.deleted"));
  };

  return (
    <div class="comments">
      <Composer id={`comment-new-${node.id}`} label={t("details.comments.new")} submitLabel={t("details.comments.send")} onSubmit={post} />
      <Status state={action} />
      {loadError && (
        <p class="status status-error" role="alert">
          {loadError}
        </p>
      )}
      {!comments && !loadError && <p role="status">{t("common.loading")}</p>}
      {comments && !comments.length && <p class="hint">{t("details.comments.none")}</p>}
      {comments && comments.length > 0 && (
        <ul class="details-list comment-list">
          {comments.map((comment) => (
            <li key={comment.id} class={unread(comment) ? "comment comment-unread" : "comment"}>
              <div class="comment-head">
                <span class="comment-author">{comment.actorDisplayName || comment.actorId}</span>
                <span class="details-meta">
                  <RelativeTime epochMs={comment.createdAt * 1000} />
                  {comment.editedAt !== null && ` ${t("details.comments.edited")}`}
                </span>
                {unread(comment) && <span class="badge">{t("details.comments.unread")}</span>}
              </div>
              {editing === comment.id ? (
                <Composer
                  id={`comment-edit-${comment.id}`}
                  label={t("details.comments.editLabel")}
                  initial={comment.message}
                  submitLabel={t("action.save")}
                  onSubmit={(message) => save(comment.id, message)}
                  onCancel={() => setEditing(null)}
                />
              ) : (
                <p class="comment-message">{comment.message}</p>
              )}
              {comment.actorId === myId && editing !== comment.id && (
                <div class="comment-actions">
                  <button type="button" class="button button-small" aria-label={t("details.comments.edit")} onClick={() => setEditing(comment.id)}>
                    {t("details.edit")}
                  </button>
                  <button type="button" class="button button-small button-danger" aria-label={t("details.comments.delete")} onClick={() => void remove(comment)}>
                    {t("action.delete")}
                  </button>
                </div>
              )}
            </li>
          ))}
        </ul>
      )}
      {more && (
        <button type="button" class="button" disabled={action.busy} onClick={() => void loadMore()}>
          {t("details.loadMore")}
        </button>
      )}
      {dialog}
    </div>
  );
}
