import { UNLIMITED_QUOTA } from "../api/account";
import { t } from "../i18n";
import { formatBytes } from "../i18n/format";

const GIB = 1024 ** 3;
/** The sizes the associations and schools actually hand out (1, 3, 5, 10, 50, 100 GB). */
const PRESET_GIB = [1, 3, 5, 10, 50, 100];

/** Values as the provisioning API reads them: "default", "none" or a size in bytes. */
export type QuotaChoice = "default" | "none" | `${number}`;

export function quotaChoiceOf(bytes: number | null): QuotaChoice {
  if (bytes === null) return "default";
  if (bytes === UNLIMITED_QUOTA) return "none";
  return `${bytes}`;
}

interface QuotaSelectProps {
  id: string;
  value: QuotaChoice;
  onChange: (value: QuotaChoice) => void;
  /** Organisations have no instance default to fall back on: "none" is their unlimited. */
  withDefault?: boolean;
  disabled?: boolean;
}

export function QuotaSelect({ id, value, onChange, withDefault = true, disabled }: QuotaSelectProps) {
  const presets = PRESET_GIB.map((n) => `${n * GIB}` as QuotaChoice);
  const options: QuotaChoice[] = [...(withDefault ? ["default" as const] : []), "none", ...presets];
  if (!options.includes(value)) options.push(value);
  const label = (choice: QuotaChoice) => (choice === "default" ? t("quota.default") : choice === "none" ? t("quota.unlimited") : formatBytes(Number(choice)));
  return (
    <select id={id} value={value} disabled={disabled} onChange={(e) => onChange(e.currentTarget.value as QuotaChoice)}>
      {options.map((choice) => (
        <option key={choice} value={choice}>
          {label(choice)}
        </option>
      ))}
    </select>
  );
}
