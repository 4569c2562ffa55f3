import type { ComponentChildren } from "preact";
import { useEffect, useState } from "preact/hooks";
import { language, t } from "../i18n";
import { path } from "../router";
import { plugins } from "../state/session";
import { Link } from "./link";
import { UserMenu } from "./user-menu";

interface AppShellProps {
  title: string;
  /** Names the sidebar's navigation for screen readers ("Fichiers", "Paramètres"). */
  sidebarLabel: string;
  sidebar: ComponentChildren;
  /** Below the navigation: the quota, a settings panel. */
  sidebarFooter?: ComponentChildren;
  children: ComponentChildren;
}

function skipToMain(event: MouseEvent) {
  event.preventDefault();
  document.getElementById("main")?.focus();
}

/** Header, sidebar and main area. Under 768 px the sidebar becomes a drawer behind the menu button. */
export function AppShell({ title, sidebarLabel, sidebar, sidebarFooter, children }: AppShellProps) {
  const [drawerOpen, setDrawerOpen] = useState(false);
  useEffect(() => setDrawerOpen(false), [path.value]);
  useEffect(() => {
    document.title = `${title} – Cumulus`;
  }, [title]);
  useEffect(() => {
    if (!drawerOpen) return;
    const escape = (event: KeyboardEvent) => {
      if (event.key === "Escape") {
        setDrawerOpen(false);
        document.getElementById("sidebar-toggle")?.focus();
      }
    };
    document.addEventListener("keydown", escape);
    return () => document.removeEventListener("keydown", escape);
  }, [drawerOpen]);

  const apps = plugins.value.flatMap((p) => (p.enabled && p.navigation ? [{ id: p.id, ...p.navigation }] : []));
  return (
    <div class="shell">
      <a class="skip-link" href="#main" onClick={skipToMain}>
        {t("nav.skip")}
      </a>
      <header class="header">
        <button
          id="sidebar-toggle"
          type="button"
          class="sidebar-toggle"
          aria-expanded={drawerOpen}
          aria-controls="sidebar"
          onClick={() => setDrawerOpen(!drawerOpen)}
        >
          <span class="hamburger" aria-hidden="true" />
          <span class="visually-hidden">{drawerOpen ? t("nav.closeSidebar") : t("nav.openSidebar")}</span>
        </button>
        <Link href="/files" class="brand">
          <img src="/favicon.svg" alt="" width={24} height={24} />
          <span>Cumulus</span>
        </Link>
        <nav class="app-nav" aria-label={t("nav.apps")}>
          <ul>
            <li>
              <Link href="/files" prefix>
                {t("app.files")}
              </Link>
            </li>
            {apps.map((app) => (
              <li key={app.id}>
                {/* A plugin's pages are its own; a full page load reaches them. */}
                <a href={app.path}>{app.label[language.value]}</a>
              </li>
            ))}
          </ul>
        </nav>
        <UserMenu />
      </header>
      <div class="body">
        <div class={drawerOpen ? "sidebar-backdrop open" : "sidebar-backdrop"} onClick={() => setDrawerOpen(false)} aria-hidden="true" />
        <aside id="sidebar" class={drawerOpen ? "sidebar open" : "sidebar"}>
          <nav aria-label={sidebarLabel} class="sidebar-nav">
            {sidebar}
          </nav>
          {sidebarFooter && <div class="sidebar-footer">{sidebarFooter}</div>}
        </aside>
        <main id="main" class="main" tabIndex={-1}>
          <h1 class="page-title" tabIndex={-1}>
            {title}
          </h1>
          {children}
        </main>
      </div>
    </div>
  );
}
