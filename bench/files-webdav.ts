// Cumulus's WebDAV against `rclone serve webdav` (a Go WebDAV server) on this machine, in one run:
// PROPFIND depth 1 on folders of 1,000 and 10,000 entries, small PUTs per second, upload and download
// of a large file, and workerd's memory during the upload. Prints ratios. PROPFIND and download are also timed at the
// workerd directly (past the local-only front door and proxy). A bare Worker that only
// streams into local R2 is measured too: the ceiling that the local R2 simulator sets on uploads.
// Run: npx tsx bench/files-webdav.ts [--mb 500] [--counts 1000,10000]
import { mkdtempSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { basicAuth, freePort, startServer } from "../test/clients/support/server";
import { seedCumulusFolder, seedDiskFolder } from "./seed";
import { killGroup, median, pool, sampleMemory, startBareWorker, spawnQuiet, uploadGenerated, workerdEntryUrl, workerdPid } from "./support";

const sizeMb = Number(process.argv[process.argv.indexOf("--mb") + 1] || 500);
const counts = (process.argv.includes("--counts") ? process.argv[process.argv.indexOf("--counts") + 1]! : "1000,10000").split(",").map(Number);

interface Target {
  name: string;
  base: string;
  auth: string;
  /** Fills a folder with `count` small files outside the protocol. */
  seed(folder: string, count: number): void;
  /**
   * Cumulus: the same tree at the workerd running the Worker, past npm start's front door and
   * wrangler's proxy (local-only hops: on Cloudflare, the edge talks to the Worker).
   */
  direct?: string;
}

/** A metric measured at the workerd directly; compared with the peer's figure for the plain metric. */
const DIRECT = " [workerd direct]";

async function dav(target: Target, method: string, path: string, init: RequestInit = {}) {
  const res = await fetch(`${target.base}${path}`, { ...init, method, headers: { Authorization: target.auth, ...(init.headers as Record<string, string>) } });
  if (res.status >= 400) throw new Error(`${target.name} ${method} ${path}: ${res.status}`);
  await res.arrayBuffer();
  return res;
}

async function timePropfind(target: Target, folder: string, base = target.base): Promise<number> {
  const times: number[] = [];
  // One warm-up, then the median of 21: with 5, one slow answer on a shared machine moved the ratio by 0.5.
  await (await fetch(`${base}${folder}/`, { method: "PROPFIND", headers: { Authorization: target.auth, Depth: "1" } })).text();
  for (let i = 0; i < 21; i++) {
    const start = performance.now();
    const res = await fetch(`${base}${folder}/`, { method: "PROPFIND", headers: { Authorization: target.auth, Depth: "1" } });
    await res.text();
    times.push(performance.now() - start);
  }
  return median(times);
}

async function timeDownload(target: Target, base: string): Promise<number> {
  const start = performance.now();
  const res = await fetch(`${base}/gros-fichier.bin`, { headers: { Authorization: target.auth } });
  let bytes = 0;
  const reader = res.body!.getReader();
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) bytes += chunk.value.byteLength;
  if (bytes !== sizeMb * 1024 * 1024) throw new Error(`${target.name}: downloaded ${bytes} bytes`);
  return sizeMb / ((performance.now() - start) / 1000);
}

async function measure(target: Target, memoryOf?: number) {
  const results: Record<string, number> = {};
  for (const count of counts) {
    const folder = `bench-${count}`;
    await dav(target, "MKCOL", `/${folder}`);
    target.seed(folder, count);
    results[`propfind ${count} (ms)`] = await timePropfind(target, `/${folder}`);
    if (target.direct) results[`propfind ${count} (ms)${DIRECT}`] = await timePropfind(target, `/${folder}`, target.direct);
  }
  await dav(target, "MKCOL", "/small");
  const puts = 200;
  let start = performance.now();
  await pool(Array.from({ length: puts }, (_, i) => i), 16, (i) => dav(target, "PUT", `/small/note-${i}.txt`, { body: `contenu ${i}` }).then(() => undefined));
  results["small PUTs, 16 in flight (per s)"] = puts / ((performance.now() - start) / 1000);
  const memory = memoryOf ? sampleMemory(memoryOf) : undefined;
  start = performance.now();
  await uploadGenerated(`${target.base}/gros-fichier.bin`, target.auth, sizeMb);
  results[`upload ${sizeMb} MiB (MiB/s)`] = sizeMb / ((performance.now() - start) / 1000);
  const mem = memory?.stop();
  results[`download ${sizeMb} MiB (MiB/s)`] = await timeDownload(target, target.base);
  if (target.direct) results[`download ${sizeMb} MiB (MiB/s)${DIRECT}`] = await timeDownload(target, target.direct);
  if (mem) {
    results["workerd RSS before upload (MiB)"] = mem.start;
    results["workerd RSS peak during upload (MiB)"] = mem.peak;
  }
  return results;
}

const password = "Bench-Cumulus-1!";
const cumulus = await startServer({ adminPassword: password, quiet: true });
const rclonePort = await freePort();
const rcloneRoot = mkdtempSync(join(tmpdir(), "rclone-bench-"));
const rclone = spawnQuiet("rclone", ["serve", "webdav", rcloneRoot, "--addr", `127.0.0.1:${rclonePort}`, "--user", "bench", "--pass", password]);
await new Promise((r) => setTimeout(r, 1500));
try {
  const workerd = workerdPid(cumulus.pid);
  const tree = "/remote.php/dav/files/admin";
  const direct = `${await workerdEntryUrl(workerd!)}${tree}`;
  const ours = await measure({ name: "cumulus", base: `${cumulus.url}${tree}`, direct, auth: basicAuth("admin", password), seed: (folder, count) => seedCumulusFolder(cumulus.stateDir, "admin", folder, count) }, workerd);
  const peer = await measure({ name: "rclone", base: `http://127.0.0.1:${rclonePort}`, auth: basicAuth("bench", password), seed: (folder, count) => seedDiskFolder(rcloneRoot, folder, count) });
  const ceiling = await startBareWorker(new URL("./r2-ceiling/", import.meta.url), "r2-ceiling");
  let ceilingRate: number;
  try {
    const start = performance.now();
    await uploadGenerated(`${ceiling.url}/`, "", sizeMb);
    ceilingRate = sizeMb / ((performance.now() - start) / 1000);
  } finally {
    ceiling.stop();
  }
  console.log(`\nWebDAV: Cumulus vs rclone serve webdav, same machine, same run (${sizeMb} MiB file)\n`);
  console.log("metric".padEnd(44), "cumulus".padStart(10), "rclone".padStart(10), "ratio".padStart(8));
  for (const key of Object.keys(peer)) {
    const ratio = ours[key]! / peer[key]!;
    console.log(key.padEnd(44), ours[key]!.toFixed(1).padStart(10), peer[key]!.toFixed(1).padStart(10), ratio.toFixed(2).padStart(8));
  }
  for (const key of Object.keys(ours).filter((k) => !(k in peer))) {
    const peerValue = key.endsWith(DIRECT) ? peer[key.slice(0, -DIRECT.length)] : undefined;
    const columns = peerValue === undefined ? [] : [peerValue.toFixed(1).padStart(10), (ours[key]! / peerValue).toFixed(2).padStart(8)];
    console.log(key.padEnd(44), ours[key]!.toFixed(1).padStart(10), ...columns);
  }
  console.log(`\n${DIRECT.trim()}: the same request sent to the workerd running the Worker, past npm start's front door and wrangler's proxy (hops that exist only locally).`);
  const uploadKey = `upload ${sizeMb} MiB (MiB/s)`;
  console.log(`\nbare Worker into local R2, same run: ${ceilingRate.toFixed(1)} MiB/s (rclone ratio ${(ceilingRate / peer[uploadKey]!).toFixed(2)}); Cumulus reaches ${((ours[uploadKey]! / ceilingRate) * 100).toFixed(0)}% of it`);
} finally {
  killGroup(rclone);
  await cumulus.stop();
}
