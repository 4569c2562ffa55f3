/// <reference types="vite/client" />
import type { PluginWebEntry } from "./web-entry";

// Every plugin's web part, found by its place rather than by name, and loaded only when its page opens.
const entries = import.meta.glob<{ default: PluginWebEntry }>("../../../plugins/*/web/index.{ts,tsx}");

const loaders = new Map<string, () => Promise<{ default: PluginWebEntry }>>(
  Object.entries(entries).flatMap(([file, load]) => {
    const id = /\/plugins\/([^/]+)\/web\/index\.tsx?$/.exec(file)?.[1];
    return id ? [[id, load] as const] : [];
  }),
);

/** The plugin's web entry, or null when it has none in this build. */
export async function loadWebEntry(pluginId: string): Promise<PluginWebEntry | null> {
  const load = loaders.get(pluginId);
  return load ? (await load()).default : null;
}
