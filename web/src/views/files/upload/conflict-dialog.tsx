import { useEffect, useRef, useState } from "preact/hooks";
import { t, tn } from "../../../i18n";
import { conflictQuestion, type ConflictChoice } from "./upload-state";

/** The name-clash question of an upload, in a native modal <dialog>: Escape skips the file. */
export function ConflictDialog() {
  const question = conflictQuestion.value;
  const ref = useRef<HTMLDialogElement>(null);
  const [forAll, setForAll] = useState(false);

  useEffect(() => {
    const dialog = ref.current;
    if (question && dialog && !dialog.open) dialog.showModal();
    setForAll(false);
  }, [question]);

  if (!question) return null;
  const answer = (choice: ConflictChoice) => {
    if (ref.current?.open) ref.current.close();
    question.answer(choice, forAll);
  };
  return (
    <dialog ref={ref} class="dialog upload-conflict" aria-labelledby="upload-conflict-title" aria-describedby="upload-conflict-text" onCancel={() => answer("skip")}>
      <h2 id="upload-conflict-title">{t("upload.conflictTitle")}</h2>
      <p id="upload-conflict-text">{question.isFolder ? t("upload.conflictFolder", { name: question.name }) : t("upload.conflictFile", { name: question.name })}</p>
      {question.others > 0 && (
        <label class="checkbox">
          <input type="checkbox" checked={forAll} onChange={(event) => setForAll((event.currentTarget as HTMLInputElement).checked)} />
          {tn("upload.forAll", question.others)}
        </label>
      )}
      <div class="dialog-actions">
        <button type="button" class="button" onClick={() => answer("skip")}>
          {t("upload.skip")}
        </button>
        <button type="button" class="button" onClick={() => answer("keepBoth")}>
          {t("upload.keepBoth")}
        </button>
        {!question.isFolder && (
          <button type="button" class="button button-primary" onClick={() => answer("replace")}>
            {t("upload.replace")}
          </button>
        )}
      </div>
    </dialog>
  );
}
