import { useEffect, useRef, useState } from "preact/hooks";
import { t } from "../i18n";
import { path } from "../router";
import { canAdminister, me, signOut } from "../state/session";
import { LanguageSelect } from "./language-select";
import { Link } from "./link";

function initials(name: string): string {
  const parts = name.trim().split(/\s+/).filter(Boolean);
  return ((parts[0]?.[0] ?? "?") + (parts.length > 1 ? (parts[parts.length - 1]?.[0] ?? "") : "")).toUpperCase();
}

/** A disclosure rather than an ARIA menu: it holds a language <select>, which a menu may not contain. */
export function UserMenu() {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);
  const user = me.value;

  useEffect(() => setOpen(false), [path.value]);
  useEffect(() => {
    if (!open) return;
    const outside = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    const escape = (event: KeyboardEvent) => {
      if (event.key !== "Escape") return;
      setOpen(false);
      button.current?.focus();
    };
    document.addEventListener("pointerdown", outside);
    document.addEventListener("keydown", escape);
    return () => {
      document.removeEventListener("pointerdown", outside);
      document.removeEventListener("keydown", escape);
    };
  }, [open]);

  if (!user) return null;
  return (
    <div class="user-menu" ref={root}>
      <button ref={button} type="button" class="user-menu-button" aria-expanded={open} aria-controls="user-menu-panel" onClick={() => setOpen(!open)}>
        <span class="avatar" aria-hidden="true">
          {initials(user.displayName || user.id)}
        </span>
        <span class="user-menu-name">{user.displayName || user.id}</span>
        <span class="visually-hidden">{t("menu.account")}</span>
      </button>
      <div id="user-menu-panel" class="user-menu-panel" hidden={!open}>
        <ul>
          <li>
            <Link href="/settings/personal" prefix>
              {t("menu.settings")}
            </Link>
          </li>
          {canAdminister.value && (
            <li>
              <Link href="/admin/users" prefix>
                {t("menu.admin")}
              </Link>
            </li>
          )}
        </ul>
        <LanguageSelect id="menu-language" />
        <button type="button" class="button button-block" onClick={() => void signOut()}>
          {t("menu.logout")}
        </button>
      </div>
    </div>
  );
}
