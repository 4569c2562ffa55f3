import { useEffect, useRef, useState } from "preact/hooks";
import { can, writeFile, type FileNode } from "../../api/files";
import { t } from "../../i18n";
import { useAction } from "../../ui/use-action";
import { Status } from "../../ui/status";
import { MarkdownView } from "./markdown-view";

interface ReadmeNoteProps {
  folder: FileNode;
  /** The folder's note as the server found it (any spelling of readme.md). */
  readme: { id: number; text: string } | null;
  /** The note file's own name, kept when it is written back. */
  readmeName: string;
  onSaved: () => void;
}

/**
 * Nextcloud's folder description (the "rich workspace"): the folder's Readme.md above the listing,
 * rendered as safe Markdown, with an invitation to write one and a plain editor.
 */
export function ReadmeNote({ folder, readme, readmeName, onSaved }: ReadmeNoteProps) {
  const [editing, setEditing] = useState(false);
  const [draft, setDraft] = useState("");
  const save = useAction();
  const field = useRef<HTMLTextAreaElement>(null);
  const writable = can.create(folder);
  const text = readme?.text ?? "";

  useEffect(() => setEditing(false), [folder.id]);
  useEffect(() => {
    if (editing) field.current?.focus();
  }, [editing]);

  const edit = () => {
    setDraft(text);
    save.reset();
    setEditing(true);
  };

  const submit = async (event: Event) => {
    event.preventDefault();
    if (await save.run(() => writeFile(folder.id, readmeName, draft))) {
      setEditing(false);
      onSaved();
    }
  };

  if (editing) {
    return (
      <form class="readme-note readme-editing" onSubmit={submit}>
        <label for="readme-text">{t("files.readmeLabel")}</label>
        <textarea id="readme-text" ref={field} rows={8} value={draft} onInput={(e) => setDraft(e.currentTarget.value)} onKeyDown={(e) => e.key === "Escape" && (e.stopPropagation(), setEditing(false))} />
        <p class="hint">{t("files.readmeHint")}</p>
        <div class="readme-actions">
          <button type="submit" class="button button-primary" disabled={save.busy}>
            {t("action.save")}
          </button>
          <button type="button" class="button" onClick={() => setEditing(false)}>
            {t("action.cancel")}
          </button>
        </div>
        <Status state={save} />
      </form>
    );
  }
  if (text.trim() === "") {
    if (!writable) return null;
    return (
      <button type="button" class="readme-prompt" onClick={edit}>
        {t("files.readmePrompt")}
      </button>
    );
  }
  return (
    <section class="readme-note" aria-label={t("files.readmeLabel")}>
      <MarkdownView source={text} />
      {writable && (
        <button type="button" class="button readme-edit" onClick={edit}>
          {t("files.readmeEdit")}
        </button>
      )}
    </section>
  );
}
