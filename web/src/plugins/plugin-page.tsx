import type { VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n";
import { loadWebEntry } from "./registry";
import type { PluginWebEntry } from "./web-entry";

/** `/apps/<pluginId>/<editorId>/<fileId>`, or null for any other path. */
export function parseEditorPath(pathname: string): { pluginId: string; editorId: string; fileId: number } | null {
  const match = /^\/apps\/([a-z0-9]+)\/([^/]+)\/([0-9]{1,15})\/?$/.exec(pathname);
  if (!match) return null;
  return { pluginId: match[1]!, editorId: decodeURIComponent(match[2]!), fileId: Number(match[3]) };
}

/** The plugin a path under /apps belongs to, and the rest of the path. */
function parsePluginPath(pathname: string): { pluginId: string; subpath: string } | null {
  const match = /^\/apps\/([a-z0-9]+)(\/.*)?$/.exec(pathname);
  return match ? { pluginId: match[1]!, subpath: match[2] ?? "" } : null;
}

type Loaded = { id: string; entry: PluginWebEntry | null } | null;

/** A plugin's editor, or its own page, as the whole page; its code is fetched when the page opens. */
export function PluginPage({ pathname, notFound }: { pathname: string; notFound: () => VNode }) {
  const target = parsePluginPath(pathname);
  const pluginId = target?.pluginId;
  const [loaded, setLoaded] = useState<Loaded>(null);
  useEffect(() => {
    if (!pluginId) return;
    let live = true;
    loadWebEntry(pluginId)
      .then((entry) => live && setLoaded({ id: pluginId, entry }))
      .catch((error: unknown) => {
        console.warn("[cumulus] could not load the plugin's web part", error);
        if (live) setLoaded({ id: pluginId, entry: null });
      });
    return () => {
      live = false;
    };
  }, [pluginId]);

  if (!target) return notFound();
  if (loaded?.id !== target.pluginId) {
    return (
      <p class="splash" role="status">
        {t("common.loading")}
      </p>
    );
  }
  const editorPath = parseEditorPath(pathname);
  const editors = loaded.entry?.editors;
  // Own keys only: an editor id from the address must not reach Object's prototype.
  const Editor = editorPath && editors && Object.hasOwn(editors, editorPath.editorId) ? editors[editorPath.editorId] : undefined;
  if (editorPath && Editor) return <Editor key={editorPath.fileId} fileId={editorPath.fileId} />;
  const Page = loaded.entry?.page;
  return Page ? <Page subpath={target.subpath} /> : notFound();
}
