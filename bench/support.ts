import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readFileSync } from "node:fs";
import { request } from "node:http";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { wranglerBin, wranglerEnv } from "../scripts/wrangler-env.mjs";
import { freePort } from "../test/clients/support/server";

/** Resident memory of a process and its children, in MiB, from /proc. */
export function rssMiB(pid: number): number {
  let total = 0;
  const visit = (p: number) => {
    try {
      const status = readFileSync(`/proc/${p}/status`, "utf8");
      total += Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
      const children = readFileSync(`/proc/${p}/task/${p}/children`, "utf8").trim();
      for (const child of children ? children.split(/\s+/) : []) visit(Number(child));
    } catch {
      // the process ended meanwhile
    }
  };
  visit(pid);
  return total;
}

/**
 * A bare bench Worker (a folder such as bench/r2-ceiling) under `wrangler dev`, as Cumulus runs,
 * once it answers: the peer that shows what the local runtime itself costs.
 */
export async function startBareWorker(folder: URL, label: string): Promise<{ url: string; child: ChildProcess; stop: () => void }> {
  const port = await freePort();
  const args = ["dev", "--ip", "127.0.0.1", "--port", String(port), "--persist-to", mkdtempSync(join(tmpdir(), `${label}-`)), "--log-level", "error", "--show-interactive-dev-session=false"];
  const child = spawn(process.execPath, [wranglerBin, ...args], { cwd: folder.pathname, env: wranglerEnv, stdio: "ignore", detached: true });
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300 && child.exitCode === null; i++) {
    if (await fetch(url).then(() => true, () => false)) return { url, child, stop: () => killGroup(child) };
    await new Promise((r) => setTimeout(r, 200));
  }
  killGroup(child);
  throw new Error(`${label}: wrangler dev did not start`);
}

/**
 * The address where the workerd running the Worker takes requests itself, behind wrangler's proxy
 * and npm start's front door (both local-only: on Cloudflare, the edge talks to the Worker): the
 * port of `pid` whose `probe.path` answers with `probe.answer` (by default, Cumulus's status).
 */
export async function workerdEntryUrl(pid: number, probe = { path: "/status.php", answer: '"installed":true' }): Promise<string> {
  const listening = execFileSync("ss", ["-ltnp"], { encoding: "utf8" });
  const ports = [...listening.matchAll(/127\.0\.0\.1:(\d+)\s.*pid=(\d+),/g)].filter((m) => Number(m[2]) === pid).map((m) => m[1]!);
  for (const port of ports) {
    const text = await fetch(`http://127.0.0.1:${port}${probe.path}`).then((r) => (r.ok ? r.text() : ""), () => "");
    if (text.includes(probe.answer)) return `http://127.0.0.1:${port}`;
  }
  throw new Error(`no port of workerd ${pid} answers (listening: ${ports.join(", ") || "none"})`);
}

/** The workerd process serving an instance started from `parent` (npm start → wrangler → workerd). */
export function workerdPid(parent: number): number | undefined {
  const out = execFileSync("ps", ["-eo", "pid,ppid,comm"], { encoding: "utf8" });
  const rows = out.trim().split("\n").slice(1).map((l) => l.trim().split(/\s+/)).map(([pid, ppid, comm]) => ({ pid: Number(pid), ppid: Number(ppid), comm: comm ?? "" }));
  const descendants = new Set([parent]);
  let grew = true;
  while (grew) {
    grew = false;
    for (const r of rows) if (descendants.has(r.ppid) && !descendants.has(r.pid)) (descendants.add(r.pid), (grew = true));
  }
  // wrangler runs two workerd processes; the one running the Worker holds the most memory.
  const candidates = rows.filter((r) => descendants.has(r.pid) && r.comm.startsWith("workerd"));
  return candidates.sort((a, b) => rssMiB(b.pid) - rssMiB(a.pid))[0]?.pid;
}

/** Samples a process's memory until stopped; returns the peak and the samples. */
export function sampleMemory(pid: number, everyMs = 200) {
  const samples: number[] = [];
  const timer = setInterval(() => samples.push(rssMiB(pid)), everyMs);
  samples.push(rssMiB(pid));
  return {
    stop() {
      clearInterval(timer);
      samples.push(rssMiB(pid));
      return { start: samples[0]!, peak: Math.max(...samples), samples };
    },
  };
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)]!;
}

export function percentile(values: number[], p: number): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.min(sorted.length - 1, Math.floor((p / 100) * sorted.length))]!;
}

/** Runs `tasks` with at most `limit` in flight. */
export async function pool<T>(items: T[], limit: number, task: (item: T) => Promise<void>): Promise<void> {
  let next = 0;
  await Promise.all(Array.from({ length: limit }, async () => {
    while (next < items.length) await task(items[next++]!);
  }));
}

export function spawnQuiet(command: string, args: string[]): ChildProcess {
  return spawn(command, args, { stdio: ["ignore", "ignore", "pipe"], detached: true });
}

export function killGroup(child: ChildProcess) {
  try {
    process.kill(-child.pid!, "SIGTERM");
  } catch {
    // gone
  }
}

/**
 * PUTs `mb` MiB produced on the fly (the bench never holds the file), with Content-Length as sync
 * clients send it, waiting for the drain between blocks.
 */
export function uploadGenerated(target: string, auth: string, mb: number): Promise<void> {
  const block = Buffer.alloc(1024 * 1024, 0x61);
  const url = new URL(target);
  return new Promise((resolve, reject) => {
    const headers: Record<string, string> = { "Content-Length": String(mb * 1024 * 1024) };
    if (auth) headers.Authorization = auth;
    const req = request({ host: url.hostname, port: url.port, path: url.pathname, method: "PUT", headers }, (res) => {
      res.resume();
      res.on("end", () => (res.statusCode! < 300 ? resolve() : reject(new Error(`PUT ${target}: ${res.statusCode}`))));
    });
    req.on("error", reject);
    let sent = 0;
    const pump = () => {
      while (sent < mb) {
        sent++;
        if (!req.write(block)) return void req.once("drain", pump);
      }
      req.end();
    };
    pump();
  });
}
