// Does workerd's memory grow with the size of an upload, and is it Cumulus or the runtime? Uploads
// files of the given sizes one after the other, first to Cumulus, then to the bare Worker of
// bench/r2-ceiling (it only streams the body into local R2), each on a fresh instance, and prints the
// workerd process's RSS before, at its peak and 3 s after each upload.
// Run: npx tsx bench/upload-memory.ts [--sizes 100,500,100]
import { spawn } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { basicAuth, freePort, startServer } from "../test/clients/support/server";
import { wranglerBin, wranglerEnv } from "../scripts/wrangler-env.mjs";
import { killGroup, rssMiB, sampleMemory, uploadGenerated, workerdPid } from "./support";

const sizes = (process.argv.includes("--sizes") ? process.argv[process.argv.indexOf("--sizes") + 1]! : "100,500,100").split(",").map(Number);
const password = "Bench-Cumulus-1!";

async function run(label: string, pid: number, urlOf: (name: string) => string, auth: string) {
  for (const [i, mb] of sizes.entries()) {
    const memory = sampleMemory(pid, 100);
    const start = performance.now();
    await uploadGenerated(urlOf(`upload-${i}-${mb}.bin`), auth, mb);
    const rate = mb / ((performance.now() - start) / 1000);
    const { start: before, peak } = memory.stop();
    await new Promise((r) => setTimeout(r, 3000));
    console.log(
      `${label.padEnd(12)} ${String(mb).padStart(5)} MiB  ${rate.toFixed(1).padStart(6)} MiB/s  RSS before ${before.toFixed(0)}  peak ${peak.toFixed(0)} (+${(peak - before).toFixed(0)})  3 s after ${rssMiB(pid).toFixed(0)}`,
    );
  }
}

const cumulus = await startServer({ adminPassword: password, quiet: true });
try {
  const pid = workerdPid(cumulus.pid);
  if (!pid) throw new Error("no workerd process under npm start");
  await run("cumulus", pid, (name) => `${cumulus.url}/remote.php/dav/files/admin/${name}`, basicAuth("admin", password));
} finally {
  await cumulus.stop();
}

const port = await freePort();
const dir = new URL("./r2-ceiling/", import.meta.url).pathname;
const ceiling = spawn(process.execPath, [wranglerBin, "dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", mkdtempSync(join(tmpdir(), "r2-ceiling-")), "--log-level", "error", "--show-interactive-dev-session=false"], { cwd: dir, env: wranglerEnv, stdio: "ignore", detached: true });
try {
  let up = false;
  for (let i = 0; i < 300 && !up; i++) {
    up = await fetch(`http://127.0.0.1:${port}`).then(() => true, () => false);
    if (!up) await new Promise((r) => setTimeout(r, 200));
  }
  const pid = workerdPid(ceiling.pid!);
  if (!up || !pid) throw new Error("the R2 ceiling Worker did not start");
  await run("bare Worker", pid, (name) => `http://127.0.0.1:${port}/${name}`, "");
} finally {
  killGroup(ceiling);
}
