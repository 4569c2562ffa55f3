import { getTableName } from "drizzle-orm";
import type { PluginDefinition, PluginFileType } from "./define";
import type { HookSubscriber } from "./hooks";

/** Paths the core serves; no plugin may mount under them. */
export const CORE_PREFIXES = [
  "/api/auth",
  "/api/account",
  "/api/admin",
  "/api/files",
  "/api/shares",
  "/api/plugins",
  "/api/activity",
  "/ocs",
  "/remote.php",
  "/public.php",
  "/index.php",
  "/status.php",
  "/s",
  "/f",
] as const;

export interface FileTypeHandler extends PluginFileType {
  pluginId: string;
}

export interface PluginRegistry {
  /** Every plugin in the list, enabled or not, for the admin's plugin page. */
  all: readonly PluginDefinition[];
  enabled: readonly PluginDefinition[];
  isEnabled(id: string): boolean;
  hookSubscribers: readonly HookSubscriber[];
  /** Which plugin opens a file, by extension first, then by MIME type. */
  handlerFor(name: string, mime?: string): FileTypeHandler | undefined;
}

export class PluginConfigurationError extends Error {}

const ID_PATTERN = /^[a-z][a-z0-9]{1,31}$/;

const overlaps = (a: string, b: string) => a === b || a.startsWith(`${b}/`) || b.startsWith(`${a}/`);

function checkPlugin(plugin: PluginDefinition, seen: { ids: Set<string>; paths: Map<string, string>; bindings: Map<string, string>; classes: Map<string, string> }) {
  const fail = (message: string) => {
    throw new PluginConfigurationError(`plugin "${plugin.id}": ${message}`);
  };
  if (!ID_PATTERN.test(plugin.id)) fail("the id must be 2-32 lower-case letters or digits, starting with a letter");
  if (seen.ids.has(plugin.id)) fail("another plugin has the same id");
  seen.ids.add(plugin.id);
  for (const [key, table] of Object.entries(plugin.tables ?? {})) {
    const name = getTableName(table);
    if (!name.startsWith(`${plugin.id}_`)) fail(`table ${key} is named "${name}"; plugin tables start with "${plugin.id}_"`);
  }
  for (const { path } of plugin.routes ?? []) {
    if (!/^\/[a-z0-9][a-z0-9/_-]*$/.test(path) || path.endsWith("/")) fail(`route path "${path}" is not a clean absolute path`);
    const core = CORE_PREFIXES.find((prefix) => overlaps(path, prefix));
    if (core && !path.startsWith(`/api/${plugin.id}`)) fail(`route path "${path}" overlaps the core's ${core}`);
    for (const [other, owner] of seen.paths) if (overlaps(path, other)) fail(`route path "${path}" overlaps "${other}" of plugin "${owner}"`);
    seen.paths.set(path, plugin.id);
  }
  for (const durable of plugin.durableObjects ?? []) {
    if (!/^[A-Z][A-Z0-9_]*$/.test(durable.binding)) fail(`binding "${durable.binding}" must be UPPER_SNAKE_CASE`);
    if (!durable.binding.startsWith(`${plugin.id.toUpperCase()}_`)) fail(`binding "${durable.binding}" must start with ${plugin.id.toUpperCase()}_`);
    const bindingOwner = seen.bindings.get(durable.binding);
    if (bindingOwner) fail(`binding "${durable.binding}" is already used by plugin "${bindingOwner}"`);
    const classOwner = seen.classes.get(durable.className);
    if (classOwner) fail(`class "${durable.className}" is already exported by plugin "${classOwner}"`);
    seen.bindings.set(durable.binding, plugin.id);
    seen.classes.set(durable.className, plugin.id);
  }
}

function buildFileTypeIndex(plugins: readonly PluginDefinition[]) {
  const byExtension = new Map<string, FileTypeHandler>();
  const byMime = new Map<string, FileTypeHandler>();
  for (const plugin of plugins) {
    for (const fileType of plugin.fileTypes ?? []) {
      const handler = { ...fileType, pluginId: plugin.id };
      for (const ext of fileType.extensions ?? []) {
        const key = ext.toLowerCase().replace(/^\./, "");
        const owner = byExtension.get(key);
        if (owner) throw new PluginConfigurationError(`plugins "${owner.pluginId}" and "${plugin.id}" both open .${key} files`);
        byExtension.set(key, handler);
      }
      for (const mime of fileType.mimeTypes ?? []) {
        const owner = byMime.get(mime);
        if (owner) throw new PluginConfigurationError(`plugins "${owner.pluginId}" and "${plugin.id}" both open ${mime}`);
        byMime.set(mime, handler);
      }
    }
  }
  return { byExtension, byMime };
}

/**
 * Checks the plugin list once (unique ids, table prefixes, route and binding clashes, file-type clashes)
 * and answers the core's questions about it. Disabled plugins are checked too, so that enabling one later
 * cannot break the instance.
 */
export function createRegistry(plugins: readonly PluginDefinition[], disabled: ReadonlySet<string>): PluginRegistry {
  const seen = { ids: new Set<string>(), paths: new Map<string, string>(), bindings: new Map<string, string>(), classes: new Map<string, string>() };
  for (const plugin of plugins) checkPlugin(plugin, seen);
  for (const id of disabled) {
    if (!seen.ids.has(id)) throw new PluginConfigurationError(`DISABLED_PLUGINS names "${id}", which is not in the plugin list`);
  }
  const enabled = plugins.filter((p) => !disabled.has(p.id));
  const { byExtension, byMime } = buildFileTypeIndex(enabled);
  const hookSubscribers = enabled
    .filter((p) => p.hooks)
    .map((p) => ({ pluginId: p.id, priority: p.hooks?.priority ?? 100, hooks: p.hooks! }))
    .sort((a, b) => a.priority - b.priority);
  return {
    all: plugins,
    enabled,
    isEnabled: (id) => enabled.some((p) => p.id === id),
    hookSubscribers,
    handlerFor(name, mime) {
      const dot = name.lastIndexOf(".");
      const ext = dot > 0 ? name.slice(dot + 1).toLowerCase() : "";
      return byExtension.get(ext) ?? (mime ? byMime.get(mime) : undefined);
    },
  };
}
