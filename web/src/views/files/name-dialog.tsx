import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../../i18n";
import { describeError } from "../../ui/errors";

interface NameDialogProps {
  title: string;
  label: string;
  initial: string;
  submitLabel: string;
  /** Leaves the extension unselected, as a file's name field does. */
  keepExtension?: boolean;
  /** Resolves with a sentence to show when the name will not do; throws what the server refused. */
  onSubmit: (name: string) => Promise<string | void>;
  onClose: () => void;
}

/** Asks for a name (a new folder, a new document) in a native dialog; the server's refusal is shown in it. */
export function NameDialog({ title, label, initial, submitLabel, keepExtension, onSubmit, onClose }: NameDialogProps) {
  const dialog = useRef<HTMLDialogElement>(null);
  const input = useRef<HTMLInputElement>(null);
  const [name, setName] = useState(initial);
  const [error, setError] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  useEffect(() => {
    if (!dialog.current?.open) dialog.current?.showModal();
    const dot = initial.lastIndexOf(".");
    input.current?.setSelectionRange(0, keepExtension && dot > 0 ? dot : initial.length);
  }, []);

  const submit = async (event: Event) => {
    event.preventDefault();
    const value = name.trim();
    if (value === "" || busy) return;
    setBusy(true);
    try {
      const problem = await onSubmit(value);
      if (!problem) return onClose();
      setError(problem);
      setBusy(false);
    } catch (failure) {
      setError(describeError(failure));
      setBusy(false);
    }
  };

  return (
    <dialog ref={dialog} class="dialog" aria-labelledby="name-dialog-title" onCancel={onClose}>
      <form onSubmit={submit}>
        <h2 id="name-dialog-title">{title}</h2>
        <label for="name-dialog-field">{label}</label>
        <input id="name-dialog-field" ref={input} value={name} maxLength={255} required aria-invalid={error ? true : undefined} onInput={(e) => setName(e.currentTarget.value)} />
        {error && (
          <p class="status status-error" role="alert">
            {error}
          </p>
        )}
        <div class="dialog-actions">
          <button type="button" class="button" onClick={onClose}>
            {t("action.cancel")}
          </button>
          <button type="submit" class="button button-primary" disabled={busy || name.trim() === ""}>
            {submitLabel}
          </button>
        </div>
      </form>
    </dialog>
  );
}
