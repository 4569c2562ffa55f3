import { execFileSync, spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync, readdirSync, readFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { basicAuth, freePort, startServer, type RunningServer } from "../../test/clients/support/server";
import { startBareWorker, workerdEntryUrl, workerdPid } from "../support";

/** One document on a server, reachable again after a restart. */
export interface Room {
  label: string;
  url(): Promise<string>;
}

/** A y-websocket server under test: Cumulus under `wrangler dev`, or the reference Node server. */
export interface Target {
  name: string;
  newRoom(label: string): Promise<Room>;
  /** The process serving the documents: the workerd running the Worker, or the Node server. */
  serverPid(): number;
  /** Every process the server runs (Cumulus: the front door, wrangler and both workerd). */
  allPids(): number[];
  restart(): Promise<void>;
  stop(): Promise<void>;
}

const CLOCK_TICKS = Number(execFileSync("getconf", ["CLK_TCK"], { encoding: "utf8" }).trim()) || 100;

/** CPU seconds (user + system) a process has used so far, from /proc/<pid>/stat. */
export function cpuSeconds(pids: number | number[]): number {
  let total = 0;
  for (const pid of [pids].flat()) {
    try {
      const fields = readFileSync(`/proc/${pid}/stat`, "utf8").split(") ")[1]!.split(" ");
      total += (Number(fields[11]) + Number(fields[12])) / CLOCK_TICKS;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

/** Resident memory of these processes (not their children: the lists already name them), in MiB. */
export function memoryMiB(pids: number | number[]): number {
  let total = 0;
  for (const pid of [pids].flat()) {
    try {
      total += Number(/VmRSS:\s+(\d+)/.exec(readFileSync(`/proc/${pid}/status`, "utf8"))?.[1] ?? 0) / 1024;
    } catch {
      // ended meanwhile
    }
  }
  return total;
}

function descendants(root: number): number[] {
  const rows = execFileSync("ps", ["-eo", "pid,ppid"], { encoding: "utf8" }).trim().split("\n").slice(1).map((l) => l.trim().split(/\s+/).map(Number));
  const found = new Set([root]);
  for (let grew = true; grew; ) {
    grew = false;
    for (const [pid, ppid] of rows) if (found.has(ppid!) && !found.has(pid!)) (found.add(pid!), (grew = true));
  }
  return [...found];
}

/**
 * `via`: where the document sockets connect. "front-door" goes through npm start's front door and
 * wrangler's proxy, as a browser does locally; "workerd" goes to the workerd running the Worker, as
 * Cloudflare's edge does once deployed (tokens are still asked at the front door).
 */
export async function startCumulus(password: string, via: "front-door" | "workerd"): Promise<Target & { stateDir: string }> {
  let server: RunningServer = await startServer({ adminPassword: password, quiet: true });
  let workerd = workerdPid(server.pid)!;
  const socketBase = async () => (via === "workerd" ? workerdEntryUrl(workerd) : server.url);
  let sockets = await socketBase();
  const auth = basicAuth("admin", password);
  return {
    name: "cumulus",
    stateDir: server.stateDir,
    async newRoom(label) {
      const put = await fetch(`${server.url}/remote.php/dav/files/admin/${label}-${Date.now()}.md`, { method: "PUT", headers: { Authorization: auth }, body: "" });
      const fileId = Number(put.headers.get("OC-FileId")?.slice(0, 8));
      if (!put.ok || !fileId) throw new Error(`cumulus: could not create the document (${put.status})`);
      let token: { value: string; at: number } | undefined;
      return {
        label,
        async url() {
          // Tokens live 300 s; one serves many sockets.
          if (!token || Date.now() - token.at > 60_000) {
            const res = await fetch(`${server.url}/api/collab/${fileId}/token`, { method: "POST", headers: { Authorization: auth } });
            if (!res.ok) throw new Error(`cumulus: token refused (${res.status})`);
            token = { value: ((await res.json()) as { token: string }).token, at: Date.now() };
          }
          return `${sockets.replace("http", "ws")}/collab/${fileId}?token=${encodeURIComponent(token.value)}`;
        },
      };
    },
    serverPid: () => workerd,
    allPids: () => descendants(server.pid),
    async restart() {
      await server.stop();
      server = await startServer({ adminPassword: password, quiet: true, stateDir: server.stateDir });
      workerd = workerdPid(server.pid)!;
      sockets = await socketBase();
    },
    stop: () => server.stop(),
  };
}

/** What the documents' Durable Object holds in its SQLite: did compaction run? (needs the sqlite3 CLI) */
export function cumulusRoomStorage(stateDir: string): string {
  try {
    const root = join(stateDir, "v3", "do");
    const files = readdirSync(root, { recursive: true, encoding: "utf8" }).filter((f) => f.includes("DocsRoom") && f.endsWith(".sqlite") && !f.endsWith("metadata.sqlite"));
    const query = "SELECT (SELECT count(*) FROM collab_updates), (SELECT coalesce(sum(length(data)),0) FROM collab_updates), (SELECT count(*) FROM collab_snapshot_parts), (SELECT coalesce(sum(length(data)),0) FROM collab_snapshot_parts)";
    const rows = files.flatMap((f) => {
      try {
        const out = execFileSync("sqlite3", ["-readonly", join(root, f), query], { encoding: "utf8", stdio: ["ignore", "pipe", "ignore"] });
        return [out.trim().split("|").map(Number) as [number, number, number, number]];
      } catch {
        return []; // not a room's database
      }
    });
    // The cold-load document is by far the largest room.
    const [updates, updateBytes, parts, snapshotBytes] = rows.sort((a, b) => b[3] + b[1] - (a[3] + a[1]))[0] ?? [NaN, NaN, NaN, NaN];
    return `snapshot of ${snapshotBytes} bytes in ${parts} part(s) + ${updates} update rows (${updateBytes} bytes) not yet folded`;
  } catch (error) {
    return `not inspected (${(error as Error).message.split("\n")[0]})`;
  }
}

export async function startReference(): Promise<Target & { storageDir: string }> {
  const port = await freePort();
  const storageDir = mkdtempSync(join(tmpdir(), "yjs-reference-"));
  const script = new URL("./reference-server.mjs", import.meta.url).pathname;
  const launch = async () => {
    const child = spawn(process.execPath, [script, String(port)], { env: { ...process.env, YPERSISTENCE: storageDir }, stdio: ["ignore", "pipe", "inherit"] });
    await new Promise<void>((resolve, reject) => {
      child.stdout!.on("data", (d: Buffer) => d.toString().includes("ready") && resolve());
      child.once("exit", (code) => reject(new Error(`reference server exited (${code})`)));
    });
    return child;
  };
  let child: ChildProcess = await launch();
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    child.kill("SIGTERM"); // it waits for y-leveldb's queued writes
    await Promise.race([exited, new Promise((r) => setTimeout(r, 300_000))]);
  };
  return {
    name: "y-websocket",
    storageDir,
    newRoom: async (label) => ({ label, url: async () => `ws://127.0.0.1:${port}/${label}` }),
    serverPid: () => child.pid!,
    allPids: () => [child.pid!],
    async restart() {
      await stop();
      child = await launch();
    },
    stop,
  };
}

/**
 * The bare relay of bench/relay-ceiling under `wrangler dev`, as Cumulus runs: every frame to every
 * other socket at once, nothing stored. Sockets go straight to its workerd, as Cumulus's do.
 */
export async function startRelayCeiling(): Promise<Target> {
  const relay = await startBareWorker(new URL("../relay-ceiling/", import.meta.url), "relay-ceiling");
  const workerd = workerdPid(relay.child.pid!)!;
  const base = (await workerdEntryUrl(workerd, { path: "/", answer: "relay ceiling" })).replace("http", "ws");
  return {
    name: "bare relay",
    newRoom: async (label) => ({ label, url: async () => `${base}/room/${label}` }),
    serverPid: () => workerd,
    allPids: () => descendants(relay.child.pid!),
    restart: () => Promise.reject(new Error("the bare relay is only measured under load")),
    stop: async () => relay.stop(),
  };
}
