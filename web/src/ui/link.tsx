import type { ComponentChildren } from "preact";
import { followLink, path } from "../router";

interface LinkProps {
  href: string;
  children: ComponentChildren;
  class?: string;
  /** Marks the link as the current page when the path equals href (or lies under it, with `prefix`). */
  prefix?: boolean;
}

export function Link({ href, children, class: className, prefix }: LinkProps) {
  const current = prefix ? path.value === href || path.value.startsWith(`${href}/`) : path.value === href;
  return (
    <a href={href} class={className} aria-current={current ? "page" : undefined} onClick={followLink}>
      {children}
    </a>
  );
}
