import { signal } from "@preact/signals";

/** The current location; components that read it re-render on navigation. */
export const path = signal(location.pathname);
export const search = signal(location.search);

function sync() {
  path.value = location.pathname;
  search.value = location.search;
}

export function navigate(to: string, options: { replace?: boolean } = {}): void {
  if (to === location.pathname + location.search) return;
  if (options.replace) history.replaceState(null, "", to);
  else history.pushState(null, "", to);
  sync();
  window.scrollTo(0, 0);
}

window.addEventListener("popstate", sync);

/** Same-document navigation for a plain left click; new tab, download and the like stay the browser's. */
export function followLink(event: MouseEvent): void {
  const anchor = event.currentTarget as HTMLAnchorElement;
  if (event.defaultPrevented || event.button !== 0 || event.metaKey || event.ctrlKey || event.shiftKey || event.altKey) return;
  if (anchor.target || anchor.origin !== location.origin) return;
  event.preventDefault();
  navigate(anchor.pathname + anchor.search);
}
