// Collaborative documents under load, against the reference y-websocket server in the same run
// (issue 6, Performance). For each N: N clients with awareness on one document, 20 typing two
// single-character edits a second, the rest watching; edit delays to all clients, server CPU and
// memory, awareness traffic. Then the cold load of a document built from 260,000 one-character
// updates, after a restart. Prints a table and Cumulus / reference ratios.
// Run: npx tsx bench/collab.ts [--n 100,500,1000] [--seconds 15] [--ops 260000] [--quick]
import { cpus, loadavg } from "node:os";
import { buildTrace, ingest, timeSync, type SyncTiming } from "./collab/cold-load";
import { runLoad, type LoadResult } from "./collab/load";
import { cumulusRoomStorage, startCumulus, startReference, type Room, type Target } from "./collab/targets";

const quick = process.argv.includes("--quick");
const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : fallback);
const sizes = arg("--n", quick ? "100" : "100,500,1000").split(",").map(Number);
const seconds = Number(arg("--seconds", quick ? "5" : "15"));
const ops = Number(arg("--ops", quick ? "26000" : "260000"));
// Updates merged per WebSocket frame while building (1 = one frame per keystroke, as typed).
const batch = Number(arg("--batch", "26"));
const TYPISTS = 20;
const EDITS_PER_SECOND = 2;

const started = Date.now();
const loadAtStart = loadavg();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const [cumulus, reference] = await Promise.all([startCumulus("Bench-Cumulus-1!"), startReference()]);
const targets: Target[] = [cumulus, reference];
log(`cumulus (wrangler dev, state ${cumulus.stateDir}) and y-websocket (@y/websocket-server, y-leveldb in ${reference.storageDir}) started`);

const loads: { n: number; ours: LoadResult; ref: LoadResult }[] = [];
interface Cold {
  sendSeconds: number;
  ingestSeconds: number;
  warm: SyncTiming;
  cold: SyncTiming[];
}
const cold = new Map<string, Cold>();
let trace: ReturnType<typeof buildTrace> | undefined;
let storage = "";
try {
  for (const n of sizes) {
    const ours = await runLoad(cumulus, n, { seconds, typists: TYPISTS, editsPerSecond: EDITS_PER_SECOND }, log);
    const ref = await runLoad(reference, n, { seconds, typists: TYPISTS, editsPerSecond: EDITS_PER_SECOND }, log);
    loads.push({ n, ours, ref });
  }

  const buildStart = Date.now();
  trace = buildTrace(ops, batch);
  log(`trace: ${ops} one-character updates (${trace.inserts} inserts, ${trace.deletes} deletes), text ${trace.length} chars, state ${trace.stateBytes} bytes, built in ${((Date.now() - buildStart) / 1000).toFixed(1)} s, ${trace.frames.length} frames of ${batch} merged updates`);
  const rooms = new Map<Target, Room>();
  for (const target of targets) {
    const room = await target.newRoom(`cold-${Date.now()}`);
    rooms.set(target, room);
    const built = await ingest(room, trace, log);
    log(`${target.name}: ${trace.frames.length} frames (${ops} updates) sent in ${built.sendSeconds.toFixed(1)} s, all held by the server after ${built.ingestSeconds.toFixed(1)} s`);
    const warm = await timeSync(await room.url(), trace.length);
    built.builder.close();
    await built.builder.whenClosed();
    cold.set(target.name, { sendSeconds: built.sendSeconds, ingestSeconds: built.ingestSeconds, warm, cold: [] });
  }
  await sleep(5_000); // Cumulus writes the document back when the last editor leaves
  await Promise.all(targets.map((t) => t.stop()));
  storage = cumulusRoomStorage(cumulus.stateDir);
  log(`cumulus room storage after the build: ${storage}`);
  // Cumulus: a new wrangler dev, so the Durable Object starts from its SQLite. The reference: y-leveldb
  // first reads the updates it stored one by one (and merges them), then, restarted again, the merged state.
  for (const [target, restarts] of [[cumulus, 1], [reference, 2]] as const) {
    for (let i = 0; i < restarts; i++) {
      await target.restart();
      const url = await rooms.get(target)!.url(); // Cumulus: the token request wakes the Worker, not the room
      const timing = await timeSync(url, trace.length);
      cold.get(target.name)!.cold.push(timing);
      log(`${target.name}: cold load ${i + 1}: ${timing.totalMs.toFixed(0)} ms${timing.ok ? "" : " (INCOMPLETE)"}`);
      await sleep(2_000);
    }
  }
} finally {
  await Promise.all(targets.map((t) => t.stop()));
}

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : "—");
const row = (label: string, a: number, b: number, digits = 1) =>
  console.log(label.padEnd(44) + fmt(a, digits).padStart(12) + fmt(b, digits).padStart(13) + (Number.isFinite(a / b) ? (a / b).toFixed(2) : "—").padStart(9));
const header = (title: string) => console.log(`\n${title}\n${"".padEnd(44)}${"cumulus".padStart(12)}${"y-websocket".padStart(13)}${"ratio".padStart(9)}`);

console.log(`\n=== Collaborative documents: Cumulus (workerd under wrangler dev, behind its front door) vs @y/websocket-server (Node, y-leveldb), same machine, same run`);
console.log(`Machine: ${cpus().length} cores, load average ${loadAtStart.map((l) => l.toFixed(1)).join(" ")} at the start, ${loadavg().map((l) => l.toFixed(1)).join(" ")} at the end (other work shares them: figures are noisy)`);
console.log(`${TYPISTS} typists × ${EDITS_PER_SECOND} one-character edits/s for ${seconds} s per N; every client on awareness (renewed every 15 s as y-protocols does; typists move their cursor with each edit)`);
for (const { n, ours, ref } of loads) {
  header(`N = ${n}`);
  row("clients connected in (s)", ours.connectSeconds, ref.connectSeconds);
  row("edits sent", ours.edits, ref.edits, 0);
  row("edits not delivered to every client ²", ours.lost, ref.lost, 0);
  row("sockets dropped", ours.dropped, ref.dropped, 0);
  console.log("final text converged".padEnd(44) + ours.converged.padStart(12) + ref.converged.padStart(13));
  row("p50 edit → all clients (ms)", ours.p50All, ref.p50All);
  row("p99 edit → all clients (ms)", ours.p99All, ref.p99All);
  row("p50 edit → one client (ms)", ours.p50Each, ref.p50Each);
  row("p99 edit → one client (ms)", ours.p99Each, ref.p99Each);
  row("server CPU (cores: workerd / node)", ours.serverCpu, ref.serverCpu, 2);
  row("  all server processes (cores) ¹", ours.allCpu, ref.allCpu, 2);
  row("server RSS at start of window (MiB)", ours.rssStart, ref.rssStart);
  row("server RSS peak (MiB)", ours.rssPeak, ref.rssPeak);
  row("  all server processes, peak (MiB) ¹", ours.allRssPeak, ref.allRssPeak);
  row("awareness received, all clients (KiB/s)", ours.awarenessBytesPerSec / 1024, ref.awarenessBytesPerSec / 1024);
  row("awareness received per client (B/s)", ours.awarenessBytesPerSec / n, ref.awarenessBytesPerSec / n);
  row("awareness frames per client per s", ours.awarenessFramesPerSec / n, ref.awarenessFramesPerSec / n, 2);
  row("load generator CPU (cores)", ours.clientCpu, ref.clientCpu, 2);
}

console.log(`\n¹ Cumulus: workerd running the Worker, plus wrangler's proxy workerd, wrangler and esbuild, and the front door (node), all started by npm start.`);
console.log(`² An edit that had not reached all N - 1 other clients when nothing more arrived for 5 s (or after 60 s). "final text converged" is a fresh client's full sync: it tells lost updates from undelivered broadcasts.`);
console.log(`\nAwareness growth: bytes/s received per client (= total / N). Flat means total traffic linear in N; growing with N means N².`);
console.log("N".padEnd(8) + "cumulus B/s/N".padStart(16) + "×first".padStart(8) + "y-websocket B/s/N".padStart(20) + "×first".padStart(8));
const first = loads[0];
for (const { n, ours, ref } of loads) {
  const a = ours.awarenessBytesPerSec / n;
  const b = ref.awarenessBytesPerSec / n;
  console.log(String(n).padEnd(8) + fmt(a, 0).padStart(16) + fmt(a / (first!.ours.awarenessBytesPerSec / first!.n), 2).padStart(8) + fmt(b, 0).padStart(20) + fmt(b / (first!.ref.awarenessBytesPerSec / first!.n), 2).padStart(8));
}

if (trace) {
  const ours = cold.get("cumulus");
  const ref = cold.get("y-websocket");
  console.log(`\nCold load: a document of ${ops} one-character updates (${trace.inserts} inserts, ${trace.deletes} deletes; B4-sized), text ${trace.length} chars, Yjs state ${trace.stateBytes} bytes.`);
  console.log(`Sent as ${trace.frames.length} WebSocket frames of ${batch} merged updates each, back to back. Cumulus's room after the build: ${storage}.`);
  console.log(`The reference stores each update in y-leveldb; its first load after a restart reads them all and merges them (y-leveldb trims past 500), its second loads the merged state.`);
  if (ours && ref) {
    header("build and sync");
    row("frames ingested per second", trace.frames.length / ours.ingestSeconds, trace.frames.length / ref.ingestSeconds, 0);
    row("warm sync, room in memory (ms)", ours.warm.totalMs, ref.warm.totalMs);
    row("  of which: sync step 2 arrived (ms)", ours.warm.step2Ms, ref.warm.step2Ms);
    row("  client applying step 2 (ms)", ours.warm.applyMs, ref.warm.applyMs);
    const c = ours.cold[0];
    const [r1, r2] = ref.cold;
    if (c && r2) row("cold load after restart (ms)", c.totalMs, r2.totalMs);
    if (c && r2) row("  of which: socket open (ms)", c.openMs, r2.openMs);
    if (c && r2) row("  of which: sync step 2 arrived (ms)", c.step2Ms, r2.step2Ms);
    if (c && r2) row("  client applying step 2 (ms)", c.applyMs, r2.applyMs);
    if (c && r2) row("  step 2 size (bytes)", c.step2Bytes, r2.step2Bytes, 0);
    if (r1) console.log(`reference's first load (${trace.frames.length} y-leveldb rows) (ms)`.padEnd(44) + "".padStart(12) + fmt(r1.totalMs).padStart(13));
    const incomplete = [ours.warm, ref.warm, ...ours.cold, ...ref.cold].some((t) => !t.ok);
    if (incomplete) console.log("WARNING: a sync did not reach the full text within 120 s");
    console.log(`(the reference sends its persisted state as an update after an empty step 2, so its time is to the full text, not to step 2)`);
  }
}
// Timers of closed clients and the servers' stop timeouts would keep Node alive for minutes.
process.exit(0);
