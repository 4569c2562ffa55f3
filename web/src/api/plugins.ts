import { apiJson } from "./http";

export interface LocalisedText {
  fr: string;
  en: string;
}

export interface PluginInfo {
  id: string;
  name: string;
  version: string;
  enabled: boolean;
  fileTypes: { extensions?: string[]; mimeTypes?: string[]; editor: string; create?: { label: LocalisedText; defaultName: LocalisedText } }[];
  navigation: { label: LocalisedText; icon?: string; path: string } | null;
  /** Whether the plugin has a web part, whose editors open the file types it declares. */
  hasWeb: boolean;
}

export type PluginFileType = PluginInfo["fileTypes"][number];

/** The enabled plugin with a web part that opens this file, by extension first, then by type. */
export function editorFor(plugins: readonly PluginInfo[], name: string, mime: string): { plugin: PluginInfo; fileType: PluginFileType } | null {
  const dot = name.lastIndexOf(".");
  const extension = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
  for (const plugin of plugins) {
    if (!plugin.enabled || !plugin.hasWeb) continue;
    const fileType =
      plugin.fileTypes.find((f) => extension !== "" && f.extensions?.includes(extension)) ?? plugin.fileTypes.find((f) => f.mimeTypes?.includes(mime));
    if (fileType) return { plugin, fileType };
  }
  return null;
}

/** Where a plugin's editor opens a file: a page of the plugin's own, under its /apps/<id> prefix. */
export const editorUrl = (plugin: PluginInfo, fileType: PluginFileType, fileId: number) =>
  `/apps/${encodeURIComponent(plugin.id)}/${encodeURIComponent(fileType.editor)}/${fileId}`;

export const listPlugins = async () => (await apiJson<{ plugins: PluginInfo[] }>("/api/plugins")).plugins;
