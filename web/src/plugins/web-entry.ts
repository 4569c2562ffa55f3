import type { ComponentType } from "preact";

/** What the shell hands a plugin's editor: the file it opens, by id. */
export interface PluginEditorProps {
  fileId: number;
}

/**
 * A plugin's web part (`plugins/<id>/web/index.tsx`, default export): its editors, by the editor id
 * its file types name. The shell renders one as the whole page at `/apps/<id>/<editor>/<fileId>`.
 */
export interface PluginWebEntry {
  editors: Record<string, ComponentType<PluginEditorProps>>;
}

/** Identity at run time; it makes a plugin's entry type-check against the interface where it is written. */
export const defineWebEntry = (entry: PluginWebEntry): PluginWebEntry => entry;
