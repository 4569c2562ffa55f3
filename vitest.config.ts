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
        },
      },
    ],
  },
});
