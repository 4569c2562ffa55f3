import type { ComponentType, VNode } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n";
import { loadWebEntry } from "./registry";
import type { PluginEditorProps } from "./web-entry";

/** `/apps/<pluginId>/<editorId>/<fileId>`, or null for any other path. */
export function parseEditorPath(pathname: string): { pluginId: string; editorId: string; fileId: number } | null {
  const match = /^\/apps\/([a-z0-9]+)\/([^/]+)\/([0-9]{1,15})\/?$/.exec(pathname);
  if (!match) return null;
  return { pluginId: match[1]!, editorId: decodeURIComponent(match[2]!), fileId: Number(match[3]) };
}

type Loaded = { editor: ComponentType<PluginEditorProps> } | "missing" | null;

/** A plugin's editor as the whole page, its code fetched when the page opens. */
export function PluginPage({ pathname, notFound }: { pathname: string; notFound: () => VNode }) {
  const target = parseEditorPath(pathname);
  const [loaded, setLoaded] = useState<Loaded>(null);
  const pluginId = target?.pluginId;
  const editorId = target?.editorId;
  useEffect(() => {
    if (!pluginId || !editorId) return;
    let live = true;
    setLoaded(null);
    loadWebEntry(pluginId)
      .then((entry) => {
        const editor = entry?.editors[editorId];
        if (live) setLoaded(editor ? { editor } : "missing");
      })
      .catch((error: unknown) => {
        console.warn("[cumulus] could not load the plugin's web part", error);
        if (live) setLoaded("missing");
      });
    return () => {
      live = false;
    };
  }, [pluginId, editorId]);

  if (!target || loaded === "missing") return notFound();
  if (loaded === null) {
    return (
      <p class="splash" role="status">
        {t("common.loading")}
      </p>
    );
  }
  const Editor = loaded.editor;
  return <Editor key={target.fileId} fileId={target.fileId} />;
}
