import type { ComponentType } from "preact";

/** What the shell hands a plugin's editor: the file it opens, by id. */
export interface PluginEditorProps {
  fileId: number;
}

/** What the shell hands a plugin's own page: the path below `/apps/<id>` ("" for the page itself). */
export interface PluginPageProps {
  subpath: string;
}

/**
 * A plugin's web part (`plugins/<id>/web/index.tsx`, default export). Its editors, by the editor id its
 * file types name, are the whole page at `/apps/<id>/<editor>/<fileId>`; its page, if any, answers
 * every other path under `/apps/<id>` (the plugin's navigation entry points there).
 */
export interface PluginWebEntry {
  editors: Record<string, ComponentType<PluginEditorProps>>;
  page?: ComponentType<PluginPageProps>;
  /** Editors for a public link's visitors, who have no account (plugins/link-editor-page.tsx), by editor id. */
  linkEditors?: Record<string, ComponentType<PluginLinkEditorProps>>;
}

/**
 * What the link page hands a plugin's link editor: where the file's resources are, on the link's own
 * address (`/s/{token}/resource?path=…&key=…`), so that the link's password proof goes along.
 */
export interface PluginLinkEditorProps {
  resourceUrl: (key: string) => string;
  /** The link's own page, showing the file: the way back. */
  pageUrl: string;
}

/** Identity at run time; it makes a plugin's entry type-check against the interface where it is written. */
export const defineWebEntry = (entry: PluginWebEntry): PluginWebEntry => entry;
