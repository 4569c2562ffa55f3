import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { fetchPasswordPolicy, type PasswordPolicy } from "../../../api/auth";
import type { ShareChanges, ShareJson } from "../../../api/sharing";
import { t } from "../../../i18n";
import { PasswordPolicyList } from "../../../ui/password-policy";

/** Saves changes to the share and says `done` when it worked; the row owns the outcome line. */
export type UpdateShare = (changes: ShareChanges, done?: string) => Promise<boolean>;

export interface OptionProps {
  share: ShareJson;
  /** Unique per share on the page. */
  idPrefix: string;
  update: UpdateShare;
  disabled?: boolean;
}

/** Today in the browser's calendar, as a date input wants it. */
function today(): string {
  const now = new Date();
  const pad = (n: number) => String(n).padStart(2, "0");
  return `${now.getFullYear()}-${pad(now.getMonth() + 1)}-${pad(now.getDate())}`;
}

interface RevealedProps {
  label: string;
  /** Whether the share has this setting now. */
  saved: boolean;
  /** Removes the setting, when the box is unticked while it is saved. */
  clear: () => void;
  disabled?: boolean;
  children: ComponentChildren;
}

/** Nextcloud's way with a link's options: a checkbox that reveals the setting; unticking it removes what was saved. */
function Revealed({ label, saved, clear, disabled, children }: RevealedProps) {
  const [open, setOpen] = useState(saved);
  useEffect(() => {
    if (saved) setOpen(true);
  }, [saved]);
  const toggle = (checked: boolean) => {
    setOpen(checked);
    if (!checked && saved) clear();
  };
  return (
    <div class="share-option">
      <label class="checkbox">
        <input type="checkbox" checked={open} disabled={disabled} onChange={(e) => toggle(e.currentTarget.checked)} />
        {label}
      </label>
      {open && children}
    </div>
  );
}

/** "Définir une date d'expiration": the last day the share works. */
function ExpiryOption({ share, idPrefix, update, disabled }: OptionProps) {
  const current = share.expiration?.slice(0, 10) ?? "";
  const id = `${idPrefix}-expiry`;
  return (
    <Revealed label={t("details.share.setExpiry")} saved={current !== ""} clear={() => void update({ expireDate: "" }, t("details.share.saved"))} disabled={disabled}>
      <div class="share-option-body">
        <label for={id} class="visually-hidden">
          {t("details.share.expiry")}
        </label>
        <input
          id={id}
          type="date"
          value={current}
          min={today()}
          disabled={disabled}
          onChange={(e) => {
            const value = e.currentTarget.value;
            if (value && value !== current) void update({ expireDate: value }, t("details.share.saved"));
          }}
        />
      </div>
    </Revealed>
  );
}

/** "Note au destinataire": shown to the recipient beside the share. */
function NoteOption({ share, idPrefix, update, disabled }: OptionProps) {
  const saved = share.note ?? "";
  const [text, setText] = useState(saved);
  useEffect(() => setText(saved), [saved]);
  const id = `${idPrefix}-note`;
  return (
    <Revealed label={t("details.share.addNote")} saved={saved !== ""} clear={() => void update({ note: "" }, t("details.share.saved"))} disabled={disabled}>
      <form
        class="share-option-body"
        onSubmit={(e) => {
          e.preventDefault();
          void update({ note: text.trim() }, t("details.share.saved"));
        }}
      >
        <label for={id} class="visually-hidden">
          {t("details.share.note")}
        </label>
        <textarea id={id} rows={2} maxLength={4000} value={text} disabled={disabled} onInput={(e) => setText(e.currentTarget.value)} />
        <button type="submit" class="button" disabled={disabled || text.trim() === saved}>
          {t("details.share.saveNote")}
        </button>
      </form>
    </Revealed>
  );
}

/** What every kind of share ends with: the expiry date, the note, and "Ne plus partager". */
export function EndOptions(props: OptionProps & { busy: boolean; remove: () => void }) {
  return (
    <>
      <ExpiryOption {...props} />
      <NoteOption {...props} />
      <button type="button" class="button button-danger" disabled={props.busy} onClick={props.remove}>
        {t("details.share.unshare")}
      </button>
    </>
  );
}

let policy: Promise<PasswordPolicy> | null = null;
/** The policy is the instance's: asked once per page. */
function passwordPolicy(): Promise<PasswordPolicy> {
  policy ??= fetchPasswordPolicy().catch((error: unknown) => {
    policy = null;
    throw error;
  });
  return policy;
}

/** "Protéger par un mot de passe": set, change or remove a link's password. */
export function PasswordOption({ share, idPrefix, update, disabled }: OptionProps) {
  const isSet = share.password !== null;
  const [password, setPassword] = useState("");
  const [rules, setRules] = useState<PasswordPolicy | null>(null);
  useEffect(() => {
    passwordPolicy().then(setRules, () => setRules(null));
  }, []);
  const id = `${idPrefix}-password`;
  return (
    <Revealed label={t("details.link.protect")} saved={isSet} clear={() => void update({ password: "" }, t("details.link.passwordRemoved"))} disabled={disabled}>
      <form
        class="share-option-body"
        onSubmit={async (e) => {
          e.preventDefault();
          if (password && (await update({ password }, t("details.link.passwordSaved")))) setPassword("");
        }}
      >
        {isSet && <p class="hint">{t("details.link.passwordSet")}</p>}
        <label for={id}>{isSet ? t("details.link.newPassword") : t("details.link.password")}</label>
        <div class="stacked-field">
          <input
            id={id}
            type="password"
            autocomplete="new-password"
            value={password}
            disabled={disabled}
            aria-describedby={rules ? `${id}-policy` : undefined}
            onInput={(e) => setPassword(e.currentTarget.value)}
          />
          <button type="submit" class="button" disabled={disabled || !password}>
            {t("details.link.savePassword")}
          </button>
        </div>
        {rules && <PasswordPolicyList policy={rules} password={password || undefined} id={`${id}-policy`} />}
      </form>
    </Revealed>
  );
}
