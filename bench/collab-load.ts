// One document, N clients with awareness, 20 of them typing two edits a second, against Cumulus's room
// and against the reference y-websocket server, in the same run. Prints delays, CPU, memory, awareness
// traffic and their ratios. Run: npx tsx bench/collab-load.ts [--n 100,500,1000] [--seconds 20]
import { spawn } from "node:child_process";
import { readFileSync } from "node:fs";
import { basicAuth, freePort, startServer, type RunningServer } from "../test/clients/support/server";
import { LoadClient, type Delivery } from "./yjs-load-client";
import { killGroup, percentile, rssMiB, workerdPid } from "./support";

const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : fallback);
const sizes = arg("--n", "100,500,1000").split(",").map(Number);
const seconds = Number(arg("--seconds", "20"));
const TYPISTS = 20;

/** CPU seconds used so far by a process and its children that have ended. */
function cpuSeconds(pid: number): number {
  const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
  return (Number(fields[11]) + Number(fields[12])) / 100;
}

interface Outcome {
  p50: number;
  p99: number;
  lost: number;
  edits: number;
  cpu: number;
  rss: number;
  awarenessFramesPerSec: number;
  awarenessKiBPerSec: number;
}

async function run(label: string, url: () => Promise<string>, serverPid: number, n: number): Promise<Outcome> {
  const sentAt = new Map<number, number>();
  const received = new Map<number, { count: number; last: number }>();
  const onDelivery = ({ editId, receivedAt }: Delivery) => {
    const r = received.get(editId) ?? { count: 0, last: 0 };
    r.count++;
    r.last = Math.max(r.last, receivedAt);
    received.set(editId, r);
  };
  const clients: LoadClient[] = [];
  for (let i = 0; i < n; i += 50) {
    const batch = await Promise.all(Array.from({ length: Math.min(50, n - i) }, async (_, k) => new LoadClient(await url(), i + k, onDelivery, i + k < TYPISTS)));
    await Promise.all(batch.map((c) => c.opened));
    clients.push(...batch);
  }
  await new Promise((r) => setTimeout(r, 2000)); // let the joins settle before measuring
  for (const c of clients) (c.awarenessFrames = 0), (c.awarenessBytes = 0);
  const cpuBefore = cpuSeconds(serverPid);
  let editId = 0;
  let peakRss = 0;
  const started = Date.now();
  const typing = setInterval(() => {
    for (let t = 0; t < TYPISTS; t++) {
      const id = ++editId;
      sentAt.set(id, Date.now());
      clients[t]!.type(id);
    }
    peakRss = Math.max(peakRss, rssMiB(serverPid));
  }, 500);
  await new Promise((r) => setTimeout(r, seconds * 1000));
  clearInterval(typing);
  await new Promise((r) => setTimeout(r, 3000)); // drain
  const elapsed = (Date.now() - started) / 1000;
  const cpu = (cpuSeconds(serverPid) - cpuBefore) / elapsed;
  const delays: number[] = [];
  let lost = 0;
  for (const [id, at] of sentAt) {
    const r = received.get(id);
    if (!r || r.count < n - 1) lost++;
    else delays.push(r.last - at);
  }
  const frames = clients.reduce((s, c) => s + c.awarenessFrames, 0);
  const bytes = clients.reduce((s, c) => s + c.awarenessBytes, 0);
  for (const c of clients) c.close();
  await new Promise((r) => setTimeout(r, 1000));
  console.log(`  ${label} N=${n}: ${sentAt.size} edits, lost ${lost}`);
  return {
    p50: delays.length ? percentile(delays, 50) : NaN,
    p99: delays.length ? percentile(delays, 99) : NaN,
    lost,
    edits: sentAt.size,
    cpu,
    rss: peakRss,
    awarenessFramesPerSec: frames / elapsed,
    awarenessKiBPerSec: bytes / 1024 / elapsed,
  };
}

async function cumulusRoom(server: RunningServer, password: string) {
  const auth = basicAuth("admin", password);
  const put = await fetch(`${server.url}/remote.php/dav/files/admin/bench-${Date.now()}.md`, { method: "PUT", headers: { Authorization: auth }, body: "" });
  const fileId = put.headers.get("OC-FileId");
  if (!put.ok || !fileId) throw new Error(`could not create the bench document: ${put.status}`);
  return async () => {
    const res = await fetch(`${server.url}/api/collab/${Number(fileId.slice(0, 8))}/token`, { method: "POST", headers: { Authorization: auth } });
    const { token } = (await res.json()) as { token: string };
    return `${server.url.replace("http", "ws")}/collab/${Number(fileId.slice(0, 8))}?token=${encodeURIComponent(token)}`;
  };
}

const password = "Bench-Cumulus-1!";
const cumulus = await startServer({ adminPassword: password, quiet: true });
const referencePort = await freePort();
const reference = spawn(process.execPath, ["bench/reference-yjs-server.mjs", String(referencePort)], { stdio: ["ignore", "pipe", "inherit"], detached: true });
await new Promise((r) => reference.stdout!.once("data", r));
const rows: { n: number; ours: Outcome; ref: Outcome }[] = [];
try {
  const workerd = workerdPid(cumulus.pid)!;
  for (const n of sizes) {
    const ours = await run("cumulus", await cumulusRoom(cumulus, password), workerd, n);
    let room = 0;
    const refUrl = `ws://127.0.0.1:${referencePort}/bench-${n}-${room++}`;
    const ref = await run("reference", async () => refUrl, reference.pid!, n);
    rows.push({ n, ours, ref });
  }
} finally {
  killGroup(reference);
  await cumulus.stop();
}

const fmt = (v: number, d = 1) => (Number.isFinite(v) ? v.toFixed(d) : "—");
console.log(`\nOne document, N clients with awareness, ${TYPISTS} typing 2 edits/s for ${seconds} s. Cumulus (workerd) vs @y/websocket-server (Node), same machine, same run.\n`);
console.log(["N", "metric", "cumulus", "reference", "ratio"].map((h, i) => (i < 2 ? h.padEnd(i ? 28 : 6) : h.padStart(11))).join(""));
for (const { n, ours, ref } of rows) {
  for (const [metric, a, b] of [
    ["p50 edit→all (ms)", ours.p50, ref.p50],
    ["p99 edit→all (ms)", ours.p99, ref.p99],
    ["lost edits", ours.lost, ref.lost],
    ["CPU (cores)", ours.cpu, ref.cpu],
    ["peak RSS (MiB)", ours.rss, ref.rss],
    ["awareness frames/s", ours.awarenessFramesPerSec, ref.awarenessFramesPerSec],
    ["awareness KiB/s", ours.awarenessKiBPerSec, ref.awarenessKiBPerSec],
  ] as const) {
    console.log(String(n).padEnd(6) + metric.padEnd(28) + fmt(a, 2).padStart(11) + fmt(b, 2).padStart(11) + fmt(a / b, 2).padStart(11));
  }
}
