import type { Hono } from "hono";
import type { HtmlEscapedString } from "hono/utils/html";
import type { SQLiteTable } from "drizzle-orm/sqlite-core";
import type { Env } from "../env";
import type { AppEnv } from "../http/app-env";
import type { FileService } from "../storage/service";
import type { FileNode } from "../storage/tree";
import type { HookHandlers } from "./hooks";

/** A Durable Object class a plugin brings: bound in wrangler.toml under `binding`, exported as `className`. */
export interface PluginDurableObject {
  binding: string;
  className: string;
  // The runtime instantiates the class itself; its constructor signature is the runtime's business.
  class: abstract new (...args: any[]) => unknown; // any: DO constructors take (ctx, env) with plugin-specific Env types
}

/** A kind of file the plugin opens, and what "New …" in Files creates. */
export interface PluginFileType {
  /** Lower-case extensions without the dot, e.g. ["md"]. */
  extensions?: string[];
  mimeTypes?: string[];
  /** The editor id in the plugin's web entry. */
  editor: string;
  /** Offered in Files' "New" menu when set. */
  create?: { label: { fr: string; en: string }; defaultName: { fr: string; en: string } };
  /** How a public link's page shows such a file to visitors without an account, instead of a bare Download button. */
  linkView?: PluginLinkView;
}

/** A file reached through a public link, as its page shows it. */
export interface LinkedFile {
  node: FileNode;
  /** What the link lets its visitors do with the file now (permission bits: READ, UPDATE…). */
  permissions: number;
  /**
   * Who the link's visitors are where an identity is needed (a live room's user): the authorization
   * service answers for it with the link's rights while the link and its password stay as they are.
   */
  principal: string;
  /** The visitor's language, as the page speaks it. */
  lang: "fr" | "en";
  env: Env;
  /** Acts as the link's initiator: the link's rights were checked before the plugin is asked. */
  files: FileService;
  /** Where one of the file's own resources (a picture of a document) is served on this link. */
  resourceHref(key: string): string;
}

export interface PluginLinkView {
  /** The file's content as HTML to embed in the page (already escaped), or null to show the plain page. */
  render(file: LinkedFile): Promise<HtmlEscapedString | null>;
  /** One resource `render` pointed at with `resourceHref`, or null when the file has no such resource. */
  resource?(file: LinkedFile, key: string): Promise<Response | null>;
}

export interface PluginRoute {
  /** Where the sub-app is mounted: `/apps/<id>`, `/api/<id>`, or another prefix no one else uses. */
  path: string;
  app: Hono<AppEnv>;
}

export interface PluginWeb {
  /** Module of the plugin's web part, relative to the plugin folder; the web app loads it lazily. */
  entry: string;
  navigation?: { label: { fr: string; en: string }; icon?: string; path: string };
}

export interface PluginDefinition {
  /** Lower-case letters and digits; prefixes the plugin's tables (`<id>_…`), routes and log tags. */
  id: string;
  name: string;
  version: string;
  routes?: PluginRoute[];
  /** The plugin's drizzle tables; drizzle-kit gathers them from plugins/<id>/schema.ts. */
  tables?: Record<string, SQLiteTable>;
  durableObjects?: PluginDurableObject[];
  fileTypes?: PluginFileType[];
  hooks?: HookHandlers & { priority?: number };
  web?: PluginWeb;
}

/** Identity at run time; it exists so that a plugin file type-checks against the interface where it is written. */
export function definePlugin<const P extends PluginDefinition>(plugin: P): P {
  return plugin;
}
