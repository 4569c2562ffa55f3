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
}

export const listPlugins = async () => (await apiJson<{ plugins: PluginInfo[] }>("/api/plugins")).plugins;
