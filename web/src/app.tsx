import { useEffect, useRef } from "preact/hooks";
import { t } from "./i18n";
import { navigate, path } from "./router";
import { canAdminister, loginPath, me, pathAfterLogin } from "./state/session";
import { PluginPage } from "./plugins/plugin-page";
import { AppShell } from "./ui/app-shell";
import { Link } from "./ui/link";
import { AdminView } from "./views/admin/admin-view";
import { FilesView } from "./views/files/files-view";
import { LoginView } from "./views/login";
import { SettingsView } from "./views/settings/settings-view";

/** Sends the person somewhere else once rendering is over; a redirect is not a page. */
function Redirect({ to }: { to: string }) {
  useEffect(() => navigate(to, { replace: true }), [to]);
  return null;
}

function NotFound() {
  return (
    <AppShell title={t("notFound.title")} sidebarLabel={t("app.files")} sidebar={null}>
      <p>{t("notFound.text")}</p>
      <p>
        <Link href="/files">{t("notFound.back")}</Link>
      </p>
    </AppShell>
  );
}

const under = (prefix: string) => path.value === prefix || path.value.startsWith(`${prefix}/`);

function Routes() {
  const user = me.value;
  if (user === undefined) {
    return (
      <p class="splash" role="status">
        {t("common.loading")}
      </p>
    );
  }
  if (path.value === "/login") return user ? <Redirect to={pathAfterLogin()} /> : <LoginView />;
  if (!user) return <Redirect to={loginPath()} />;
  if (path.value === "/" || path.value === "/index.html") return <Redirect to="/files" />;
  if (under("/files")) return <FilesView />;
  if (path.value === "/settings") return <Redirect to="/settings/personal" />;
  if (under("/settings")) return <SettingsView />;
  if (under("/admin") && canAdminister.value) return <AdminView />;
  if (under("/apps")) return <PluginPage pathname={path.value} notFound={() => <NotFound />} />;
  return <NotFound />;
}

/**
 * Moves focus to the new page's heading after a client-side navigation, as a page load would for a
 * screen reader; the first render keeps the browser's own focus.
 */
export function App() {
  const first = useRef(true);
  const current = path.value;
  useEffect(() => {
    if (first.current) {
      first.current = false;
      return;
    }
    document.querySelector<HTMLElement>("#main h1")?.focus({ preventScroll: true });
  }, [current]);
  return <Routes />;
}
