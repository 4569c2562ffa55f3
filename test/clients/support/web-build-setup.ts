import { execFileSync } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { join } from "node:path";

/** The newest modification time of the sources under `dir` (a build and installed packages aside). */
function newestSource(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    if (entry.name === "dist" || entry.name === "node_modules") continue;
    const path = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestSource(path) : statSync(path).mtimeMs);
  }
  return newest;
}

/**
 * vitest globalSetup of the clients project: `npm start` builds web/dist before serving, which cost
 * every server a test starts a few seconds (and emptied web/dist under the servers already running).
 * The build happens once here, unless `npm test` just made it from the same sources; startServer then
 * tells `npm start` to skip it (see support/server.ts), except where a test asks for the whole start.
 */
export default function setup() {
  const built = "web/dist/index.html";
  // Plugins' web parts are built into the same bundle, so their sources count too.
  const pluginWebs = readdirSync("plugins", { withFileTypes: true })
    .filter((entry) => entry.isDirectory() && existsSync(join("plugins", entry.name, "web")))
    .map((entry) => newestSource(join("plugins", entry.name, "web")));
  const sourcesTime = Math.max(newestSource("web"), ...pluginWebs, statSync("scripts/build-web.mjs").mtimeMs);
  if (!existsSync(built) || statSync(built).mtimeMs < sourcesTime) {
    execFileSync(process.execPath, ["scripts/build-web.mjs"], { stdio: "inherit", env: { ...process.env, CUMULUS_QUIET: "1" } });
  }
  process.env.CUMULUS_WEB_BUILT = "1";
}
