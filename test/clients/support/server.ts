import { spawn, type ChildProcess } from "node:child_process";
import { mkdtempSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

export interface RunningServer {
  url: string;
  /** The `npm start` process; its tree holds the front door, wrangler and workerd. */
  pid: number;
  stateDir: string;
  output: () => string;
  stop: () => Promise<void>;
}

/** A free loopback port, so that test files never collide with each other or with `npm start`. */
export async function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.once("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const { port } = server.address() as { port: number };
      server.close(() => resolve(port));
    });
  });
}

export interface StartOptions {
  stateDir?: string;
  adminPassword?: string;
  quiet?: boolean;
  /**
   * Whether `npm start` builds the web app first, as it does for an admin. By default it does, except
   * under vitest's clients project, whose globalSetup (support/web-build-setup.ts) built it once for the run.
   */
  buildWeb?: boolean;
}

/** Starts Cumulus exactly as an admin does, with `npm start`'s script, in its own STATE_DIR and port. */
export async function startServer(options: StartOptions = {}): Promise<RunningServer> {
  const stateDir = options.stateDir ?? mkdtempSync(join(tmpdir(), "cumulus-state-"));
  const port = await freePort();
  const env: NodeJS.ProcessEnv = { ...process.env, STATE_DIR: stateDir, PORT: String(port), HOST: "127.0.0.1" };
  if (options.adminPassword) env.ADMIN_PASSWORD = options.adminPassword;
  else delete env.ADMIN_PASSWORD;
  if (options.quiet) env.CUMULUS_QUIET = "1"; // benches: no per-request log lines
  if (!(options.buildWeb ?? process.env.CUMULUS_WEB_BUILT !== "1")) env.CUMULUS_SKIP_WEB_BUILD = "1";
  else delete env.CUMULUS_SKIP_WEB_BUILD;
  const child: ChildProcess = spawn(process.execPath, ["scripts/start.mjs"], { env, stdio: ["ignore", "pipe", "pipe"], detached: true });
  let output = "";
  // Keep the log bounded: tests read recent lines, and a long run must not exhaust memory.
  const keep = (d: Buffer) => {
    output += d;
    if (output.length > 4_000_000) output = output.slice(-2_000_000);
  };
  child.stdout!.on("data", keep);
  child.stderr!.on("data", keep);
  const url = `http://127.0.0.1:${port}`;
  const stop = async () => {
    if (child.exitCode !== null) return;
    const exited = new Promise((r) => child.once("exit", r));
    try {
      process.kill(-child.pid!, "SIGTERM"); // the whole group: wrangler and workerd too
    } catch {
      // already gone
    }
    await Promise.race([exited, new Promise((r) => setTimeout(r, 10_000))]);
  };
  const deadline = Date.now() + 120_000;
  while (!output.includes("ready at")) {
    if (child.exitCode !== null || Date.now() > deadline) {
      await stop();
      throw new Error(`Cumulus did not start:\n${output}`);
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  return { url, pid: child.pid!, stateDir, output: () => output, stop };
}

export function basicAuth(user: string, password: string): string {
  return `Basic ${Buffer.from(`${user}:${password}`).toString("base64")}`;
}
