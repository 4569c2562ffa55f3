import { Hono } from "hono";
import { requireAuth } from "../accounts/authenticate";
import type { AppEnv } from "../http/app-env";

/** What the web app needs to load plugins: enabled ones for everyone, all of them for admins. */
export const pluginApi = new Hono<AppEnv>().get("/", (c) => {
  const { user } = requireAuth(c);
  const registry = c.var.plugins;
  const listed = user.isAdmin ? registry.all : registry.enabled;
  return c.json({
    plugins: listed.map((p) => ({
      id: p.id,
      name: p.name,
      version: p.version,
      enabled: registry.isEnabled(p.id),
      fileTypes: (p.fileTypes ?? []).map(({ extensions, mimeTypes, editor, create }) => ({ extensions, mimeTypes, editor, create })),
      navigation: p.web?.navigation ?? null,
      // Only a plugin with a web part has editors the web app can open files in.
      hasWeb: p.web !== undefined,
    })),
  });
});
