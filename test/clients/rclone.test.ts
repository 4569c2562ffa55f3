import { mkdtempSync, readdirSync, rmSync, statSync, utimesSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { startServer, type RunningServer } from "./support/server";
import { requireTool, run, writeAwkwardTree } from "./support/tools";

const PASSWORD = "Rclone-Cumulus-1!";
const hasRclone = requireTool("rclone", "rclone");

describe.skipIf(!hasRclone)("rclone (webdav, vendor nextcloud)", () => {
  let server: RunningServer;
  let env: NodeJS.ProcessEnv;
  const local = mkdtempSync(join(tmpdir(), "rclone-local-"));
  const rclone = (...args: string[]) => run("rclone", [...args, "--config", "/dev/null"], { env, timeout: 120_000 });

  beforeAll(async () => {
    server = await startServer({ adminPassword: PASSWORD });
    const { stdout: obscured } = await run("rclone", ["obscure", PASSWORD]);
    env = {
      ...process.env,
      RCLONE_CONFIG_CUMULUS_TYPE: "webdav",
      RCLONE_CONFIG_CUMULUS_URL: `${server.url}/remote.php/dav/files/admin`,
      RCLONE_CONFIG_CUMULUS_VENDOR: "nextcloud",
      RCLONE_CONFIG_CUMULUS_USER: "admin",
      RCLONE_CONFIG_CUMULUS_PASS: obscured.trim(),
    };
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("copies a tree of awkward names up, and check finds it identical", async () => {
    const files = writeAwkwardTree(local);
    const old = new Date("2022-05-24T10:00:00Z");
    utimesSync(join(local, files[0]!), old, old);
    await rclone("copy", local, "cumulus:Partage Codep 34");
    const { stdout, stderr } = await rclone("check", local, "cumulus:Partage Codep 34");
    expect(stdout + stderr).toMatch(/0 differences found/);
    const { stdout: listing } = await rclone("lsl", "cumulus:Partage Codep 34");
    expect(listing).toContain(`2022-05-24 10:00:00`);
  });

  it("syncs changes and deletions, keeping modification times", async () => {
    const files = writeAwkwardTree(local);
    rmSync(join(local, files[1]!));
    writeFileSync(join(local, files[2]!), "nouvelle version\n");
    const when = new Date("2023-01-15T08:30:00Z");
    utimesSync(join(local, files[2]!), when, when);
    await rclone("sync", local, "cumulus:Partage Codep 34");
    const { stdout, stderr } = await rclone("check", local, "cumulus:Partage Codep 34");
    expect(stdout + stderr).toMatch(/0 differences found/);
    const { stdout: listing } = await rclone("lsf", "-R", "cumulus:Partage Codep 34");
    expect(listing).not.toContain(files[1]!.split("/").pop());
    const down = mkdtempSync(join(tmpdir(), "rclone-down-"));
    await rclone("copy", "cumulus:Partage Codep 34", down);
    expect(Math.abs(statSync(join(down, files[2]!)).mtimeMs - when.getTime())).toBeLessThan(1000);
    expect(readdirSync(down).sort()).toEqual(readdirSync(local).sort());
  });
});
