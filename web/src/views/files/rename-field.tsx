import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../../i18n";

interface RenameFieldProps {
  name: string;
  isFolder: boolean;
  onSubmit: (name: string) => Promise<boolean>;
  onCancel: () => void;
}

/** The name in place, as in Nextcloud: Enter or leaving the field renames, Escape gives up. The extension is left unselected. */
export function RenameField({ name, isFolder, onSubmit, onCancel }: RenameFieldProps) {
  const [value, setValue] = useState(name);
  const input = useRef<HTMLInputElement>(null);
  const busy = useRef(false);

  useEffect(() => {
    const field = input.current;
    if (!field) return;
    field.focus();
    const dot = name.lastIndexOf(".");
    field.setSelectionRange(0, !isFolder && dot > 0 ? dot : name.length);
  }, []);

  const submit = async () => {
    if (busy.current) return;
    const next = value.trim();
    if (next === "" || next === name) return onCancel();
    busy.current = true;
    const done = await onSubmit(next);
    busy.current = false;
    if (!done) input.current?.focus();
  };

  return (
    <form
      class="rename-form"
      onSubmit={(event) => {
        event.preventDefault();
        void submit();
      }}
    >
      <input
        ref={input}
        value={value}
        aria-label={t("files.newName", { name })}
        maxLength={255}
        onInput={(event) => setValue(event.currentTarget.value)}
        onBlur={() => void submit()}
        onKeyDown={(event) => {
          event.stopPropagation();
          if (event.key === "Escape") {
            event.preventDefault();
            busy.current = true; // no rename from the blur that follows
            onCancel();
          }
        }}
      />
    </form>
  );
}
