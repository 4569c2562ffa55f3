import type { AppPassword } from "../accounts/app-passwords";
import type { User } from "../accounts/users";
import type { Config } from "../config";
import type { Db } from "../db/client";
import type { Env } from "../env";
import type { PluginRegistry } from "../plugin/registry";
import type { TreePrefetch } from "../webdav/tree-prefetch";

export type AuthMethod = "session" | "password" | "app-password";

export interface Auth {
  user: User;
  method: AuthMethod;
  appPassword?: AppPassword;
  /** Present for browser sessions: the token that unsafe requests must echo. */
  csrfToken?: string;
}

export interface AppVariables {
  db: Db;
  config: Config;
  plugins: PluginRegistry;
  auth: Auth | null;
  /** A DAV request's tree lookup, started while its credentials are checked (webdav/tree-prefetch.ts). */
  davTree?: TreePrefetch;
}

export type AppEnv = { Bindings: Env; Variables: AppVariables };
