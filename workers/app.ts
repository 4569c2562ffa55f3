import { Hono } from "hono";
import { authenticate } from "./accounts/authenticate";
import { activityRoutes } from "./activity/routes";
import { commentsApi } from "./comments/routes";
import { ensureFirstAdmin } from "./accounts/bootstrap";
import { accountPasswordApi } from "./api/account-password";
import { adminOrgApi } from "./api/admin-orgs";
import { adminSpaceApi } from "./spaces/admin-routes";
import { spaceApi } from "./spaces/member-routes";
import { accessApi } from "./sharing/explain-routes";
import { appPasswordApi } from "./api/app-passwords";
import { authRoutes } from "./api/auth";
import { filesApi } from "./files-api/routes";
import { filesZipApi } from "./files-api/zip-routes";
import { pluginApi } from "./api/plugins";
import { trashApi } from "./api/trash";
import { versionsApi } from "./api/versions";
import { readConfig } from "./config";
import { createDb } from "./db/client";
import type { AppEnv } from "./http/app-env";
import { handleError, handleNotFound } from "./http/error-handler";
import { securityHeaders } from "./http/security-headers";
import { loginFlowRoutes } from "./login-flow/routes";
import { ocsRoutes } from "./ocs/routes";
import type { PluginDefinition } from "./plugin/define";
import { createRegistry, type PluginRegistry } from "./plugin/registry";
import { statusRoutes } from "./status";
import { tagsApi } from "./tags/routes";
import { webdavRoutes } from "./webdav/routes";
import { prefetchDavTree } from "./webdav/tree-prefetch";
import { internalLinkRoutes } from "./sharing/internal-link";
import { publicDavRoutes } from "./sharing/public/public-dav";
import { publicLinkRoutes } from "./sharing/public/link-routes";

// Public links (/s/) and internal links (/f/) are the server's too: a path there that no route takes is a 404, not the web app.
const CORE_PATH = /^\/(api|ocs|remote\.php|public\.php|index\.php\/login|index\.php\/f|status\.php|s|f)(\/|$)/;

/**
 * Builds the Worker's app from the plugin list. The registry is checked once per isolate and per
 * DISABLED_PLUGINS value, so a wrong plugin list fails at the first request with a clear message.
 */
export function createApp(plugins: readonly PluginDefinition[]) {
  const registries = new Map<string, PluginRegistry>();
  const registryFor = (disabled: ReadonlySet<string>) => {
    const key = [...disabled].sort().join(",");
    let registry = registries.get(key);
    if (!registry) registries.set(key, (registry = createRegistry(plugins, disabled)));
    return registry;
  };

  const app = new Hono<AppEnv>();
  app.use(securityHeaders);
  app.use(async (c, next) => {
    const config = readConfig(c.env);
    c.set("config", config);
    c.set("db", createDb(c.env.DB));
    c.set("plugins", registryFor(config.disabledPlugins));
    await ensureFirstAdmin(c.var.db, c.env);
    await next();
  });
  // Before authentication, so that a DAV request's tree lookup and the credentials' check go to D1 together.
  app.use("/remote.php/*", prefetchDavTree);
  app.use(authenticate);

  app.route("/", statusRoutes);
  app.route("/ocs/v1.php", ocsRoutes);
  app.route("/ocs/v2.php", ocsRoutes);
  app.route("/", loginFlowRoutes);
  app.route("/", webdavRoutes);
  app.route("/", internalLinkRoutes);
  app.route("/", publicDavRoutes);
  app.route("/", publicLinkRoutes);
  app.route("/api/auth", authRoutes);
  app.route("/api/account/app-passwords", appPasswordApi);
  app.route("/api/account/password", accountPasswordApi);
  app.route("/api/admin/orgs", adminOrgApi);
  app.route("/api/admin/spaces", adminSpaceApi);
  app.route("/api/spaces", spaceApi);
  app.route("/api/access", accessApi);
  app.route("/api/plugins", pluginApi);
  app.route("/api/trash", trashApi);
  app.route("/api/versions", versionsApi);
  app.route("/api/activity", activityRoutes);
  app.route("/api/files", filesApi);
  app.route("/api/files", filesZipApi);
  app.route("/api/tags", tagsApi);
  app.route("/api/comments", commentsApi);

  // Every plugin's routes are mounted; a disabled plugin's answer 404 as if they did not exist.
  for (const plugin of plugins) {
    for (const route of plugin.routes ?? []) {
      app.use(`${route.path}/*`, async (c, next) => {
        if (!c.var.plugins.isEnabled(plugin.id)) return handleNotFound(c);
        await next();
      });
      app.route(route.path, route.app);
    }
  }

  // Anything else is the web app's: its files, or index.html for its client-side routes.
  app.get("*", async (c) => {
    if (CORE_PATH.test(c.req.path) || !c.env.ASSETS) return handleNotFound(c);
    const asset = await c.env.ASSETS.fetch(c.req.raw);
    // Asset responses have immutable headers; a copy lets the security headers be added.
    return new Response(asset.body, asset);
  });

  app.notFound(handleNotFound);
  app.onError(handleError);
  return app;
}
