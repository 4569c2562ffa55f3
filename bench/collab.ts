// Collaborative documents under load, against the reference y-websocket server in the same run
// (issue 6, Performance). For each N: N clients with awareness on one document, 20 typing two
// single-character edits a second, the rest watching; edit delays to all clients, server CPU and
// memory, awareness traffic. Then the cold load of a document built from 260,000 one-character
// updates, after a restart. Prints a table and Cumulus / reference ratios.
// Run: npx tsx bench/collab.ts [--n 100,500,1000 (0: the cold load alone)] [--seconds 15] [--ops 260000 (0: no cold load)] [--quick]
//        [--trace b4|scattered]: how the cold-load document is typed (see TraceShape; b4 by default)
//        [--ceiling]: the same load also on bench/relay-ceiling, a bare Durable Object that relays every
//        frame at once: workerd's own cost of a frame, without Cumulus
//        [--via workerd|front-door]: sockets straight to the workerd running the Worker (default, as on
//        Cloudflare), or through npm start's front door and wrangler's local proxy.
import { cpus, loadavg } from "node:os";
import { buildTrace, ingest, timeSync, type SyncTiming, type TraceShape } from "./collab/cold-load";
import { runLoad, type LoadResult } from "./collab/load";
import { cumulusRoomStorage, startCumulus, startReference, startRelayCeiling, type Room, type Target } from "./collab/targets";

const quick = process.argv.includes("--quick");
const arg = (name: string, fallback: string) => (process.argv.includes(name) ? process.argv[process.argv.indexOf(name) + 1]! : fallback);
// `--n 0`: the cold load alone.
const sizes = arg("--n", quick ? "100" : "100,500,1000").split(",").map(Number).filter((n) => n > 0);
const seconds = Number(arg("--seconds", quick ? "5" : "15"));
const ops = Number(arg("--ops", quick ? "26000" : "260000"));
// Updates merged per WebSocket frame while building (1 = one frame per keystroke, as typed).
const batch = Number(arg("--batch", "26"));
const shape: TraceShape = arg("--trace", "b4") === "scattered" ? "scattered" : "b4";
// The state of the real trace behind Yjs's B4 benchmark, as its benchmark reports it.
const B4_STATE_BYTES = 159_929;
const TYPISTS = 20;
const EDITS_PER_SECOND = 2;

const started = Date.now();
const loadAtStart = loadavg();
const log = (line: string) => console.log(`[${((Date.now() - started) / 1000).toFixed(0).padStart(4)} s] ${line}`);
const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

const via = arg("--via", "workerd") === "front-door" ? "front-door" : "workerd";
const [cumulus, reference] = await Promise.all([startCumulus("Bench-Cumulus-1!", via), startReference()]);
const ceiling = process.argv.includes("--ceiling") ? await startRelayCeiling() : undefined;
const targets: Target[] = [cumulus, reference];
log(`cumulus (wrangler dev, state ${cumulus.stateDir}) and y-websocket (@y/websocket-server, y-leveldb in ${reference.storageDir}) started`);

const fmt = (v: number, digits = 1) => (Number.isFinite(v) ? v.toFixed(digits) : "—");
const row = (label: string, a: number, b: number, digits = 1) =>
  console.log(label.padEnd(44) + fmt(a, digits).padStart(12) + fmt(b, digits).padStart(13) + (Number.isFinite(a / b) ? (a / b).toFixed(2) : "—").padStart(9));
const header = (title: string) => console.log(`\n${title}\n${"".padEnd(44)}${"cumulus".padStart(12)}${"y-websocket".padStart(13)}${"ratio".padStart(9)}`);
const loads: { n: number; ours?: LoadResult; ref?: LoadResult; bare?: LoadResult }[] = [];

const door = via === "workerd" ? "document sockets straight to the workerd running the Worker" : "document sockets through npm start's front door and wrangler's proxy";
console.log(`\n=== Collaborative documents: Cumulus (workerd under wrangler dev; ${door}) vs @y/websocket-server (Node, y-leveldb), same machine, same run`);
console.log(`Machine: ${cpus().length} cores, load average ${loadAtStart.map((l) => l.toFixed(1)).join(" ")} at the start (other work shares them: figures are noisy)`);

/** The cold load first: it needs the least of the machine, and its figures must not be lost to a later failure. */
async function coldLoad() {
  const buildStart = Date.now();
  const trace = buildTrace(ops, batch, shape);
  log(`trace "${shape}": ${ops} one-character updates (${trace.inserts} inserts, ${trace.deletes} deletes), text ${trace.length} chars, state ${trace.stateBytes} bytes, built in ${((Date.now() - buildStart) / 1000).toFixed(1)} s, ${trace.frames.length} frames of ${batch} merged updates`);
  const rooms = new Map<Target, Room>();
  const results = new Map<Target, { ingestSeconds: number; warm: SyncTiming; cold: SyncTiming[] }>();
  for (const target of targets) {
    const room = await target.newRoom(`cold-${Date.now()}`);
    rooms.set(target, room);
    const built = await ingest(room, trace, log);
    log(`${target.name}: ${trace.frames.length} frames (${ops} updates) sent in ${built.sendSeconds.toFixed(1)} s, all held by the server after ${built.ingestSeconds.toFixed(1)} s`);
    const warm = await timeSync(await room.url(), trace.length);
    built.builder.close();
    await built.builder.whenClosed();
    results.set(target, { ingestSeconds: built.ingestSeconds, warm, cold: [] });
  }
  await sleep(5_000); // Cumulus writes the document back when the last editor leaves
  await Promise.all(targets.map((t) => t.stop()));
  const storage = cumulusRoomStorage(cumulus.stateDir);
  log(`cumulus room storage after the build: ${storage}`);
  // Cumulus: a new wrangler dev, so the Durable Object starts from its SQLite. The reference: y-leveldb
  // first reads the updates it stored one by one (and merges them), then, restarted again, the merged state.
  // Cumulus three times (its median is reported): every restart is the same cold start.
  for (const [target, restarts] of [[cumulus, 3], [reference, 2]] as const) {
    for (let i = 0; i < restarts; i++) {
      await target.restart();
      const url = await rooms.get(target)!.url(); // Cumulus: the token request wakes the Worker, not the room
      const timing = await timeSync(url, trace.length);
      results.get(target)!.cold.push(timing);
      log(`${target.name}: cold load ${i + 1}: ${timing.totalMs.toFixed(0)} ms${timing.ok ? "" : " (INCOMPLETE)"}`);
      await sleep(2_000);
    }
  }
  const ours = results.get(cumulus)!;
  const ref = results.get(reference)!;
  console.log(`\nCold load: a document of ${ops} one-character updates (${trace.inserts} inserts, ${trace.deletes} deletes), typed "${shape}", text ${trace.length} chars, Yjs state ${trace.stateBytes} bytes (${(trace.stateBytes / B4_STATE_BYTES).toFixed(2)}× the real B4 trace's).`);
  console.log(`Sent as ${trace.frames.length} WebSocket frames of ${batch} merged updates each, back to back. Cumulus's room after the build: ${storage}.`);
  console.log(`The reference stores each frame's update in y-leveldb; its first load after a restart reads them all and merges them (y-leveldb trims past 500), its second loads the merged state.`);
  header("build and sync");
  row("frames ingested per second", trace.frames.length / ours.ingestSeconds, trace.frames.length / ref.ingestSeconds, 0);
  row("warm sync, room in memory (ms)", ours.warm.totalMs, ref.warm.totalMs);
  row("  of which: sync step 2 arrived (ms)", ours.warm.step2Ms, ref.warm.step2Ms);
  row("  client applying step 2 (ms)", ours.warm.applyMs, ref.warm.applyMs);
  const c = [...ours.cold].sort((x, y) => x.totalMs - y.totalMs)[1] ?? ours.cold[0]!;
  const [r1, r2] = ref.cold as [SyncTiming, SyncTiming];
  row("cold load after restart, median of 3 (ms)", c.totalMs, r2.totalMs);
  row("  of which: socket open (ms)", c.openMs, r2.openMs);
  row("  of which: sync step 2 arrived (ms)", c.step2Ms, r2.step2Ms);
  console.log("  step 2 size (bytes) ³".padEnd(44) + String(c.step2Bytes).padStart(12) + String(r2.step2Bytes).padStart(13));
  console.log(`reference's first load (${trace.frames.length} y-leveldb rows) (ms)`.padEnd(44) + "".padStart(12) + fmt(r1.totalMs).padStart(13));
  if ([ours.warm, ref.warm, ...ours.cold, ...ref.cold].some((t) => !t.ok)) console.log("WARNING: a sync did not reach the full text within 120 s");
  console.log(`³ The reference answers at once with an empty step 2 and sends its persisted state as an update once y-leveldb has read it: its times are to the full text.`);
}

function printLoad(n: number, ours: LoadResult | undefined, ref: LoadResult | undefined) {
  const nan = NaN;
  const a = (f: (r: LoadResult) => number) => (ours ? f(ours) : nan);
  const b = (f: (r: LoadResult) => number) => (ref ? f(ref) : nan);
  header(`N = ${n}`);
  row("clients connected in (s)", a((r) => r.connectSeconds), b((r) => r.connectSeconds));
  row("edits sent", a((r) => r.edits), b((r) => r.edits), 0);
  row("edits not delivered to every client ²", a((r) => r.lost), b((r) => r.lost), 0);
  row("sockets dropped", a((r) => r.dropped), b((r) => r.dropped), 0);
  console.log("final text converged".padEnd(44) + (ours?.converged ?? "—").padStart(12) + (ref?.converged ?? "—").padStart(13));
  row("p50 edit → all clients (ms)", a((r) => r.p50All), b((r) => r.p50All));
  row("p99 edit → all clients (ms)", a((r) => r.p99All), b((r) => r.p99All));
  row("p50 edit → one client (ms)", a((r) => r.p50Each), b((r) => r.p50Each));
  row("p99 edit → one client (ms)", a((r) => r.p99Each), b((r) => r.p99Each));
  row("server CPU (cores: workerd / node)", a((r) => r.serverCpu), b((r) => r.serverCpu), 2);
  row("  all server processes (cores) ¹", a((r) => r.allCpu), b((r) => r.allCpu), 2);
  row("frames delivered to all clients (per s)", a((r) => r.framesPerSec), b((r) => r.framesPerSec), 0);
  row("server CPU per frame delivered (µs)", a((r) => (r.serverCpu / r.framesPerSec) * 1e6), b((r) => (r.serverCpu / r.framesPerSec) * 1e6));
  row("  all server processes (µs) ¹", a((r) => (r.allCpu / r.framesPerSec) * 1e6), b((r) => (r.allCpu / r.framesPerSec) * 1e6));
  row("server RSS at start of window (MiB)", a((r) => r.rssStart), b((r) => r.rssStart));
  row("server RSS peak (MiB)", a((r) => r.rssPeak), b((r) => r.rssPeak));
  row("  all server processes, peak (MiB) ¹", a((r) => r.allRssPeak), b((r) => r.allRssPeak));
  row("awareness received, all clients (KiB/s)", a((r) => r.awarenessBytesPerSec / 1024), b((r) => r.awarenessBytesPerSec / 1024));
  row("awareness received per client (B/s)", a((r) => r.awarenessBytesPerSec / n), b((r) => r.awarenessBytesPerSec / n));
  row("awareness frames per client per s", a((r) => r.awarenessFramesPerSec / n), b((r) => r.awarenessFramesPerSec / n), 2);
  row("load generator CPU (cores)", a((r) => r.clientCpu), b((r) => r.clientCpu), 2);
}

/** Cumulus against the bare relay on the same workerd: what Cumulus adds to the platform's own cost. */
function printCeiling(n: number, ours: LoadResult | undefined, bare: LoadResult | undefined) {
  const f = (r: LoadResult | undefined, get: (r: LoadResult) => number) => (r ? get(r) : NaN);
  console.log(`\nN = ${n}, against the bare relay (bench/relay-ceiling: every frame to every other socket at once, nothing stored)`);
  console.log(`${"".padEnd(44)}${"cumulus".padStart(12)}${"bare relay".padStart(13)}${"ratio".padStart(9)}`);
  row("p50 edit → all clients (ms)", f(ours, (r) => r.p50All), f(bare, (r) => r.p50All));
  row("p99 edit → all clients (ms)", f(ours, (r) => r.p99All), f(bare, (r) => r.p99All));
  row("edits not delivered to every client", f(ours, (r) => r.lost), f(bare, (r) => r.lost), 0);
  row("server CPU (cores, workerd)", f(ours, (r) => r.serverCpu), f(bare, (r) => r.serverCpu), 2);
  row("frames delivered to all clients (per s)", f(ours, (r) => r.framesPerSec), f(bare, (r) => r.framesPerSec), 0);
  row("server CPU per frame delivered (µs)", f(ours, (r) => (r.serverCpu / r.framesPerSec) * 1e6), f(bare, (r) => (r.serverCpu / r.framesPerSec) * 1e6));
}

try {
  try {
    if (ops > 0) await coldLoad();
  } catch (error) {
    console.log(`\nCold load FAILED: ${(error as Error).message}`);
  }
  console.log(`\n${TYPISTS} typists × ${EDITS_PER_SECOND} one-character edits/s for ${seconds} s per N; every client on awareness (renewed every 15 s as y-protocols does; typists move their cursor with each edit)`);
  console.log(`¹ Cumulus: workerd running the Worker, plus wrangler's proxy workerd, wrangler and esbuild, and the front door (node), all started by npm start.`);
  console.log(`² An edit that had not reached all N - 1 other clients when nothing more arrived for 5 s (or after 60 s). "final text converged" is a fresh client's full sync: it tells lost updates from undelivered broadcasts.`);
  for (const n of sizes) {
    const entry: (typeof loads)[number] = { n };
    for (const [target, key] of [[cumulus, "ours"], [reference, "ref"], ...(ceiling ? [[ceiling, "bare"] as const] : [])] as const) {
      try {
        entry[key] = await runLoad(target, n, { seconds, typists: TYPISTS, editsPerSecond: EDITS_PER_SECOND }, log);
      } catch (error) {
        log(`${target.name} N=${n} FAILED: ${(error as Error).message}`);
        await target.restart(); // clients left half-connected would weigh on the next run
      }
    }
    loads.push(entry);
    printLoad(n, entry.ours, entry.ref);
    if (ceiling) printCeiling(n, entry.ours, entry.bare);
  }
} finally {
  await Promise.all([...targets, ...(ceiling ? [ceiling] : [])].map((t) => t.stop()));
}

console.log(`\nAwareness growth: bytes/s received per client (= total / N). Flat means total traffic linear in N; growing with N means N².`);
console.log("N".padEnd(8) + "cumulus B/s/N".padStart(16) + "×first".padStart(8) + "y-websocket B/s/N".padStart(20) + "×first".padStart(8));
const perClient = (r: LoadResult | undefined, n: number) => (r ? r.awarenessBytesPerSec / n : NaN);
const firstOurs = loads.map((l) => perClient(l.ours, l.n)).find(Number.isFinite) ?? NaN;
const firstRef = loads.map((l) => perClient(l.ref, l.n)).find(Number.isFinite) ?? NaN;
for (const { n, ours, ref } of loads) {
  const a = perClient(ours, n);
  const b = perClient(ref, n);
  console.log(String(n).padEnd(8) + fmt(a, 0).padStart(16) + fmt(a / firstOurs, 2).padStart(8) + fmt(b, 0).padStart(20) + fmt(b / firstRef, 2).padStart(8));
}
console.log(`\nLoad average at the end: ${loadavg().map((l) => l.toFixed(1)).join(" ")}; whole run ${((Date.now() - started) / 1000).toFixed(0)} s.`);
// Timers of closed clients and the servers' stop timeouts would keep Node alive for minutes.
process.exit(0);
