import type { ComponentType } from "preact";
import { useEffect, useState } from "preact/hooks";
import { t } from "../i18n";
import { loadWebEntry } from "./registry";
import type { PluginLinkEditorProps } from "./web-entry";

/**
 * A file of a public link in its plugin's editor, for visitors without an account: the app's page,
 * served at the link's address (`/s/{token}/resource?path=…`) with the plugin and the editor named on
 * <body> by the server.
 */
export function LinkEditorPage() {
  const { plugin = "", editor = "" } = document.body.dataset;
  const [Editor, setEditor] = useState<ComponentType<PluginLinkEditorProps> | null | undefined>(undefined);
  useEffect(() => {
    loadWebEntry(plugin)
      .then((entry) => {
        const editors = entry?.linkEditors;
        // Own keys only: a name from the page must not reach Object's prototype.
        setEditor(() => (editors && Object.hasOwn(editors, editor) ? editors[editor]! : null));
      })
      .catch((error: unknown) => {
        console.warn("[cumulus] could not load the plugin's web part", error);
        setEditor(null);
      });
  }, [plugin, editor]);
  if (Editor === undefined) {
    return (
      <p class="splash" role="status">
        {t("common.loading")}
      </p>
    );
  }
  if (Editor === null) return <p class="splash">{t("notFound.text")}</p>;
  const base = location.pathname;
  const path = new URLSearchParams(location.search).get("path");
  const resourceUrl = (key: string) => `${base}?${path ? `path=${encodeURIComponent(path)}&` : ""}key=${encodeURIComponent(key)}`;
  const token = base.split("/")[2] ?? "";
  const pageUrl = `/s/${token}${path ? `?path=${encodeURIComponent(path)}` : ""}`;
  return <Editor resourceUrl={resourceUrl} pageUrl={pageUrl} />;
}
