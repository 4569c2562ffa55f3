import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";

interface Question {
  message: string;
  confirmLabel: string;
  /** When set, the person must type this text before confirming (deleting a whole space, say). */
  typed?: string;
  resolve: (yes: boolean) => void;
}

/**
 * A modal question in a native <dialog>: it traps focus, closes on Escape and returns focus by itself.
 * `ask()` resolves true only when the person confirms.
 */
export function useConfirm() {
  const [question, setQuestion] = useState<Question | null>(null);
  const [typedText, setTypedText] = useState("");
  const ref = useRef<HTMLDialogElement>(null);

  useEffect(() => {
    const dialog = ref.current;
    if (question && dialog && !dialog.open) dialog.showModal();
  }, [question]);

  const answer = (yes: boolean) => {
    question?.resolve(yes);
    setQuestion(null);
    if (ref.current?.open) ref.current.close();
  };

  const ask = (message: string, confirmLabel: string, options: { typed?: string } = {}) =>
    new Promise<boolean>((resolve) => {
      setTypedText("");
      setQuestion({ message, confirmLabel, typed: options.typed, resolve });
    });

  const typedOk = !question?.typed || typedText.trim() === question.typed.trim();
  const dialog = question ? (
    <dialog ref={ref} class="dialog" aria-labelledby="confirm-message" onCancel={() => answer(false)}>
      <form
        method="dialog"
        onSubmit={(event) => {
          event.preventDefault();
          if (typedOk) answer(true);
        }}
      >
        <p id="confirm-message">{question.message}</p>
        {question.typed && (
          <>
            <label for="confirm-typed">{t("confirm.typeToConfirm", { text: question.typed })}</label>
            <input id="confirm-typed" autoComplete="off" spellcheck={false} value={typedText} onInput={(e) => setTypedText(e.currentTarget.value)} />
          </>
        )}
        <div class="dialog-actions">
          <button type="button" class="button" onClick={() => answer(false)}>
            {t("action.cancel")}
          </button>
          <button type="submit" class="button button-danger" disabled={!typedOk}>
            {question.confirmLabel}
          </button>
        </div>
      </form>
    </dialog>
  ) : null;

  return { dialog, ask };
}
