import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { requireTool, run } from "./support/tools";
import { startServer, type RunningServer } from "./support/server";

const PASSWORD = "Litmus-Cumulus-1!";
const SUITES = ["basic", "copymove", "props", "locks", "http"];
const hasLitmus = requireTool("litmus", "litmus");

describe.skipIf(!hasLitmus)("litmus WebDAV compliance", () => {
  let server: RunningServer;
  beforeAll(async () => {
    server = await startServer({ adminPassword: PASSWORD });
  });
  afterAll(async () => {
    await server?.stop();
  });

  it.each(SUITES)("passes every %s test", async (suite) => {
    const result = await run("litmus", [`${server.url}/remote.php/dav/files/admin/`, "admin", PASSWORD], {
      env: { ...process.env, TESTS: suite },
      cwd: mkdtempSync(join(tmpdir(), "litmus-")), // litmus writes debug.log where it runs
      timeout: 120_000,
    }).catch((error: { stdout?: string; stderr?: string }) => ({ stdout: error.stdout ?? "", stderr: error.stderr ?? "" }));
    const summary = new RegExp(`summary for \`${suite}'.*?(\\d+) passed, (\\d+) failed`).exec(result.stdout);
    expect(summary, result.stdout + result.stderr).not.toBeNull();
    expect(Number(summary![2]), result.stdout).toBe(0);
  });
});
