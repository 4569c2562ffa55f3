import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";

interface Question {
  message: string;
  confirmLabel: string;
  resolve: (yes: boolean) => void;
}

/**
 * A modal question in a native <dialog>: it traps focus, closes on Escape and returns focus by itself.
 * `ask()` resolves true only when the person confirms.
 */
export function useConfirm() {
  const [question, setQuestion] = useState<Question | null>(null);
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

  const ask = (message: string, confirmLabel: string) => new Promise<boolean>((resolve) => setQuestion({ message, confirmLabel, resolve }));

  const dialog = question ? (
    <dialog ref={ref} class="dialog" aria-labelledby="confirm-message" onCancel={() => answer(false)}>
      <p id="confirm-message">{question.message}</p>
      <div class="dialog-actions">
        <button type="button" class="button" onClick={() => answer(false)}>
          {t("action.cancel")}
        </button>
        <button type="button" class="button button-danger" onClick={() => answer(true)}>
          {question.confirmLabel}
        </button>
      </div>
    </dialog>
  ) : null;

  return { dialog, ask };
}
