import { BenchClient, now } from "./client";
import { cpuSeconds, memoryMiB, type Target } from "./targets";
import { percentile } from "../support";

export interface LoadOptions {
  seconds: number;
  typists: number;
  editsPerSecond: number;
}

export interface LoadResult {
  n: number;
  connectSeconds: number;
  edits: number;
  /** Edits that did not reach every other client by the end of the drain. */
  lost: number;
  deliveries: number;
  p50All: number;
  p99All: number;
  p50Each: number;
  p99Each: number;
  /** Cores used over the window by the process serving the documents, and by all the server's processes. */
  serverCpu: number;
  allCpu: number;
  rssStart: number;
  rssPeak: number;
  allRssPeak: number;
  awarenessBytesPerSec: number;
  awarenessFramesPerSec: number;
  /** Frames of any kind received by all clients together. */
  framesPerSec: number;
  /** Cores used by this load generator over the window: near 1, it was the bottleneck. */
  clientCpu: number;
  /** Sockets the server closed or lost during the run. */
  dropped: number;
  /** A fresh client's text length against the number of edits sent, and the typists' agreement. */
  converged: string;
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));
const TEXT = "Compte rendu de l'assemblée générale : présents, décisions, budget voté à l'unanimité. ";

async function within<T>(promise: Promise<T>, ms: number, what: string): Promise<T> {
  let timer: NodeJS.Timeout | undefined;
  const timeout = new Promise<never>((_, reject) => (timer = setTimeout(() => reject(new Error(`timed out: ${what}`)), ms)));
  try {
    return await Promise.race([promise, timeout]);
  } finally {
    clearTimeout(timer);
  }
}

interface EditRecord {
  sentAt: number;
  sender: number;
  count: number;
  last: number;
}

/**
 * N clients with awareness on one new document; `typists` of them type `editsPerSecond` single
 * characters each for `seconds`, the rest watch. Every client reports when each stamped edit reaches it.
 */
export async function runLoad(target: Target, n: number, options: LoadOptions, log: (line: string) => void): Promise<LoadResult> {
  const room = await target.newRoom(`bench-n${n}-${Date.now()}`);
  const edits = new Map<number, EditRecord>();
  const eachDelays: number[] = [];
  const onStamp = (editId: number, sentAt: number, arrivedAt: number, receiver: number) => {
    const edit = edits.get(editId);
    if (!edit || receiver === edit.sender) return; // y-websocket's server echoes an update to its sender too
    edit.count++;
    edit.last = Math.max(edit.last, arrivedAt);
    eachDelays.push(arrivedAt - sentAt);
  };

  const clients: BenchClient[] = [];
  const connectStart = now();
  const BATCH = 50;
  for (let i = 0; i < n; i += BATCH) {
    const url = await room.url();
    const batch = Array.from({ length: Math.min(BATCH, n - i) }, (_, k) => new BenchClient(url, i + k, { full: i + k < options.typists, onStamp, awareness: true }));
    clients.push(...batch);
    try {
      await within(Promise.all(batch.map((c) => c.opened.then(() => c.synced))), 60_000, `${target.name}: clients ${i}..${i + batch.length} to connect and sync`);
    } catch (error) {
      clients.forEach((c) => c.close());
      throw error;
    }
  }
  const connectSeconds = (now() - connectStart) / 1000;
  log(`${target.name} N=${n}: ${n} clients connected and synced in ${connectSeconds.toFixed(1)} s`);
  await sleep(3_000); // the joins' awareness settles before the window

  for (const c of clients) (c.awarenessBytes = 0), (c.awarenessFrames = 0), (c.frames = 0);
  const serverPid = target.serverPid();
  const allPids = target.allPids();
  const cpuBefore = cpuSeconds(serverPid);
  const allCpuBefore = cpuSeconds(allPids);
  const clientCpuBefore = process.cpuUsage();
  const rssStart = memoryMiB(serverPid);
  let rssPeak = rssStart;
  let allRssPeak = memoryMiB(allPids);
  const sampler = setInterval(() => {
    rssPeak = Math.max(rssPeak, memoryMiB(serverPid));
    allRssPeak = Math.max(allRssPeak, memoryMiB(allPids));
  }, 250);

  let nextEdit = 0;
  const period = 1000 / options.editsPerSecond;
  const timers: NodeJS.Timeout[] = [];
  const windowStart = now();
  for (let t = 0; t < options.typists && t < n; t++) {
    const typist = clients[t]!;
    const tick = () => {
      const editId = ++nextEdit;
      const record: EditRecord = { sentAt: 0, sender: t, count: 0, last: 0 };
      edits.set(editId, record);
      record.sentAt = typist.type(editId, TEXT[editId % TEXT.length]!);
    };
    // Typists start at random phases, as people do.
    timers.push(setTimeout(() => (tick(), timers.push(setInterval(tick, period))), Math.random() * period));
  }
  await sleep(options.seconds * 1000);
  timers.forEach((t) => (clearTimeout(t), clearInterval(t)));
  const elapsed = (now() - windowStart) / 1000;
  const serverCpu = (cpuSeconds(serverPid) - cpuBefore) / elapsed;
  const allCpu = (cpuSeconds(allPids) - allCpuBefore) / elapsed;
  const clientUsage = process.cpuUsage(clientCpuBefore);
  const clientCpu = (clientUsage.user + clientUsage.system) / 1e6 / elapsed;
  const awarenessBytes = clients.reduce((s, c) => s + c.awarenessBytes, 0);
  const awarenessFrames = clients.reduce((s, c) => s + c.awarenessFrames, 0);
  const frames = clients.reduce((s, c) => s + c.frames, 0);
  clearInterval(sampler);

  // Drain: every edit should reach the n - 1 other clients. A delivery still missing once nothing has
  // arrived for 5 s is counted as not delivered (late past 60 s counts the same).
  const drainUntil = Date.now() + 60_000;
  let delivered = -1;
  let quietSince = Date.now();
  while (Date.now() < drainUntil && Date.now() - quietSince < 5_000 && [...edits.values()].some((e) => e.count < n - 1)) {
    if (eachDelays.length !== delivered) (delivered = eachDelays.length), (quietSince = Date.now());
    await sleep(100);
  }
  const dropped = clients.filter((c) => c.closed).map((c) => c.closeReason);

  const checker = new BenchClient(await room.url(), -1, { full: true });
  let converged: string;
  try {
    await within(checker.opened.then(() => checker.synced), 60_000, "the checking client to sync");
    const until = Date.now() + 10_000;
    while (checker.textLength() < edits.size && Date.now() < until) await sleep(50);
    const typistLengths = new Set(clients.slice(0, options.typists).map((c) => c.textLength()));
    const fresh = checker.textLength();
    converged = fresh === edits.size && typistLengths.size === 1 && typistLengths.has(fresh) ? "yes" : `NO: fresh client ${fresh} chars, typists ${[...typistLengths].join("/")}, sent ${edits.size}`;
  } catch (error) {
    converged = `NO: ${(error as Error).message}`;
  }
  checker.close();

  const complete = [...edits.values()].filter((e) => e.count >= n - 1);
  const allDelays = complete.map((e) => e.last - e.sentAt);
  const lost = edits.size - complete.length;
  log(`${target.name} N=${n}: ${edits.size} edits, ${lost} not delivered to everyone, ${dropped.length} sockets dropped${dropped.length ? ` (${[...new Set(dropped)].join(", ")})` : ""}, converged: ${converged}`);

  for (const c of clients) c.close();
  await within(Promise.all(clients.map((c) => c.whenClosed())), 30_000, "clients to close").catch(() => undefined);
  await sleep(2_000);
  return {
    n,
    connectSeconds,
    edits: edits.size,
    lost,
    dropped: dropped.length,
    deliveries: eachDelays.length,
    p50All: allDelays.length ? percentile(allDelays, 50) : NaN,
    p99All: allDelays.length ? percentile(allDelays, 99) : NaN,
    p50Each: eachDelays.length ? percentile(eachDelays, 50) : NaN,
    p99Each: eachDelays.length ? percentile(eachDelays, 99) : NaN,
    serverCpu,
    allCpu,
    rssStart,
    rssPeak,
    allRssPeak,
    awarenessBytesPerSec: awarenessBytes / elapsed,
    awarenessFramesPerSec: awarenessFrames / elapsed,
    framesPerSec: frames / elapsed,
    clientCpu,
    converged,
  };
}
