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
}

/** Identity at run time; it makes a plugin's entry type-check against the interface where it is written. */
export const defineWebEntry = (entry: PluginWebEntry): PluginWebEntry => entry;
