import type { ComponentChildren } from "preact";
import { useEffect, useRef, useState } from "preact/hooks";

interface MenuProps {
  /** The button's accessible name ("Actions pour « x »"). */
  label: string;
  /** What the button shows. */
  face: ComponentChildren;
  buttonClass?: string;
  tabIndex?: number;
  /** The entries; each gets `close` to call once done. */
  children: (close: () => void) => ComponentChildren;
}

/**
 * A disclosure that shows a short list of actions, as Nextcloud's "…" menus: Escape and a click
 * elsewhere close it and focus goes back to its button; arrows move between the entries.
 */
export function Menu({ label, face, buttonClass, tabIndex, children }: MenuProps) {
  const [open, setOpen] = useState(false);
  const root = useRef<HTMLDivElement>(null);
  const button = useRef<HTMLButtonElement>(null);

  useEffect(() => {
    if (!open) return;
    root.current?.querySelector<HTMLElement>(".menu-panel button, .menu-panel a")?.focus();
    const outside = (event: Event) => {
      if (!root.current?.contains(event.target as Node)) setOpen(false);
    };
    document.addEventListener("pointerdown", outside);
    return () => document.removeEventListener("pointerdown", outside);
  }, [open]);

  const close = () => {
    setOpen(false);
    button.current?.focus();
  };

  const keys = (event: KeyboardEvent) => {
    if (!open) return;
    if (event.key === "Escape") {
      event.preventDefault();
      event.stopPropagation();
      close();
      return;
    }
    if (event.key !== "ArrowDown" && event.key !== "ArrowUp") return;
    event.preventDefault();
    event.stopPropagation();
    const items = [...(root.current?.querySelectorAll<HTMLElement>(".menu-panel button:not(:disabled), .menu-panel a") ?? [])];
    const at = items.indexOf(document.activeElement as HTMLElement);
    const next = event.key === "ArrowDown" ? (at + 1) % items.length : (at - 1 + items.length) % items.length;
    items[next]?.focus();
  };

  return (
    <div class="menu" ref={root} onKeyDown={keys}>
      <button ref={button} type="button" class={buttonClass ?? "file-action-button"} tabIndex={tabIndex} aria-expanded={open} aria-label={label} title={label} onClick={() => setOpen(!open)}>
        {face}
      </button>
      {open && <div class="menu-panel">{children(close)}</div>}
    </div>
  );
}
