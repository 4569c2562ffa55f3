import { useEffect, useState } from "preact/hooks";
import { t } from "../../i18n";
import { Status } from "../../ui/status";
import { useAction } from "../../ui/use-action";

interface FieldFormProps {
  id: string;
  label: string;
  initial: string;
  type?: "text" | "email";
  autoComplete?: string;
  required?: boolean;
  save: (value: string) => Promise<unknown>;
}

/** One account field with its own Save button and outcome, as Nextcloud's personal settings do. */
export function FieldForm({ id, label, initial, type = "text", autoComplete, required, save }: FieldFormProps) {
  const [value, setValue] = useState(initial);
  const action = useAction();
  useEffect(() => setValue(initial), [initial]);
  const submit = async (event: Event) => {
    event.preventDefault();
    await action.run(() => save(value.trim()), t("settings.saved"));
  };
  return (
    <form class="field-form" onSubmit={submit}>
      <label for={id}>{label}</label>
      <div class="inline-field">
        <input id={id} type={type} autoComplete={autoComplete} required={required} value={value} onInput={(e) => setValue(e.currentTarget.value)} />
        <button type="submit" class="button" disabled={action.busy || value.trim() === initial}>
          {t("action.save")}
        </button>
      </div>
      <Status state={action} />
    </form>
  );
}
