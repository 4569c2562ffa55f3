// Does workerd's memory grow with the size of an upload, and is it Cumulus or the runtime? Uploads
// files of the given sizes one after the other, first to Cumulus, then to the bare Worker of
// bench/r2-ceiling (it only streams the body into local R2), each on a fresh instance, and prints the
// workerd process's RSS before, at its peak and 3 s after each upload.
// Run: npx tsx bench/upload-memory.ts [--sizes 100,500,100]
import { basicAuth, startServer } from "../test/clients/support/server";
import { rssMiB, sampleMemory, startBareWorker, uploadGenerated, workerdPid } from "./support";

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

const ceiling = await startBareWorker(new URL("./r2-ceiling/", import.meta.url), "r2-ceiling");
try {
  const pid = workerdPid(ceiling.child.pid!);
  if (!pid) throw new Error("no workerd process under the R2 ceiling Worker");
  await run("bare Worker", pid, (name) => `${ceiling.url}/${name}`, "");
} finally {
  ceiling.stop();
}
