import { cloudflareTest, readD1Migrations } from "@cloudflare/vitest-pool-workers";
import { defineConfig } from "vitest/config";

const migrations = await readD1Migrations("./schema/migrations");

export default defineConfig({
  test: {
    // The JSON report lets .ci/run print one plain "N passed, N failed" line.
    reporters: ["default", ["json", { outputFile: "test-results/vitest.json" }]],
    projects: [
      {
        // Unit and route tests, inside workerd with real local D1, R2 and Durable Objects.
        plugins: [
          cloudflareTest({
            main: "./workers/index.ts",
            wrangler: { configPath: "./wrangler.toml" },
            miniflare: { bindings: { TEST_MIGRATIONS: migrations } },
          }),
        ],
        test: {
          name: "workers",
          include: ["test/**/*.test.ts"],
          exclude: ["test/clients/**", "test/node/**"],
          setupFiles: ["./test/support/apply-migrations.ts"],
          // A fake SMTP server in Node for test/mail/ (workerd cannot listen on TCP itself).
          globalSetup: ["./test/clients/support/fake-smtp-setup.ts"],
          // Each file gets its own workerd and loads the whole Worker into it: that fixed cost, not the
          // tests, is most of this project's time, and one file at a time leaves a core idle while Node
          // and workerd hand modules to each other. vitest's default (cores - 1) is 1 on a 2-core CI.
          maxWorkers: "100%",
          // Two files now share the cores: a test that takes 2 s alone must not fail at vitest's 5 s
          // default on a busy machine. A hang still fails, within seconds rather than minutes.
          testTimeout: 20_000,
          hookTimeout: 30_000,
        },
      },
      {
        // Real clients (litmus, rclone, nextcloudcmd, chromium) against `wrangler dev`, driven from Node.
        test: {
          name: "clients",
          environment: "node",
          include: ["test/clients/**/*.test.ts", "test/node/**/*.test.ts"],
          testTimeout: 180_000,
          hookTimeout: 120_000,
          fileParallelism: false,
          // web/dist is built once for the run; each `npm start` of a test then skips its build.
          globalSetup: ["./test/clients/support/web-build-setup.ts"],
        },
      },
    ],
  },
});
