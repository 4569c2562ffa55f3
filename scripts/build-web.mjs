// Builds the web app (web/) into web/dist, which the Worker serves through its ASSETS binding.
// The config lives here rather than in a vite.config file so that `npm test`, `npm start` and
// `npm run deploy` all build it the same way without Vite looking for a config of its own.
import { build } from "vite";

await build({
  root: "web",
  base: "/",
  configFile: false,
  logLevel: process.env.CUMULUS_QUIET === "1" ? "warn" : "info",
  // Preact's automatic JSX runtime, without the Babel-based preset.
  oxc: { jsx: { runtime: "automatic", importSource: "preact" } },
  build: {
    outDir: "dist",
    emptyOutDir: true,
    target: "es2022",
    // The CSP forbids inline scripts and data: scripts; every asset must be a file of its own.
    assetsInlineLimit: 0,
    // A plugin's editor (the documents editor: Tiptap, Yjs) is one lazy chunk, loaded only on its page.
    chunkSizeWarningLimit: 800,
  },
});
