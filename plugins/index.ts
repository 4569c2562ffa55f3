import type { PluginDefinition } from "../workers/plugin/define";
import { docs } from "./docs";

/**
 * The plugin list: the one place that names plugins. Add a plugin by importing its definition here
 * and, if it has Durable Objects, exporting their classes from plugins/durable-objects.ts and binding them
 * in wrangler.toml.
 */
export const plugins: readonly PluginDefinition[] = [docs];
