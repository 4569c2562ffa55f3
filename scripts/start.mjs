// `npm start`: applies migrations, creates the first admin on an empty instance, serves on HOST:PORT.
// STATE_DIR keeps D1, R2 and Durable Object data; another STATE_DIR is a fully separate instance.
import { execFileSync, spawn } from "node:child_process";
import { randomInt } from "node:crypto";
import { mkdirSync } from "node:fs";
import { createServer } from "node:net";
import { resolve } from "node:path";
import { startFrontDoor } from "./front-door.mjs";
import { wranglerBin, wranglerEnv } from "./wrangler-env.mjs";

const stateDir = resolve(process.env.STATE_DIR || ".wrangler/state");
const host = process.env.HOST || "127.0.0.1";
const port = process.env.PORT || "8787";
const quiet = process.env.CUMULUS_QUIET === "1";

const wrangler = (args, options = {}) =>
  execFileSync(process.execPath, [wranglerBin, ...args], { env: wranglerEnv, encoding: "utf8", stdio: ["ignore", "pipe", "pipe"], ...options });

function log(message) {
  if (!quiet) console.log(`[cumulus] ${message}`);
}

/** A password that passes the default policy: upper, lower, digit and special, 23 characters. */
function generatePassword() {
  const alphabet = "ABCDEFGHJKLMNPQRSTUVWXYZabcdefghijkmnopqrstuvwxyz23456789";
  for (;;) {
    const groups = Array.from({ length: 4 }, () => Array.from({ length: 5 }, () => alphabet[randomInt(alphabet.length)]).join(""));
    const password = groups.join("-");
    if (/[A-Z]/.test(password) && /[a-z]/.test(password) && /\d/.test(password)) return password;
  }
}

function instanceIsEmpty() {
  const out = wrangler(["d1", "execute", "DB", "--local", "--persist-to", stateDir, "--json", "--command", "SELECT count(*) AS n FROM users"]);
  const rows = JSON.parse(out)[0]?.results ?? [];
  return Number(rows[0]?.n ?? 0) === 0;
}

async function waitUntilReady(url, child) {
  const deadline = Date.now() + 120_000;
  while (Date.now() < deadline) {
    if (child.exitCode !== null) throw new Error(`wrangler dev exited with code ${child.exitCode}`);
    try {
      const res = await fetch(`${url}/status.php`);
      if (res.ok) return;
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 250));
  }
  throw new Error(`${url}/status.php did not answer within 120 s`);
}

mkdirSync(stateDir, { recursive: true });
// The client tests build web/dist once for the whole run and start many servers: they set this.
if (process.env.CUMULUS_SKIP_WEB_BUILD !== "1") execFileSync(process.execPath, ["scripts/build-web.mjs"], { stdio: "inherit" });
log(`applying migrations in ${stateDir}`);
wrangler(["d1", "migrations", "apply", "DB", "--local", "--persist-to", stateDir]);

// workerd listens on a private port; the front door (scripts/front-door.mjs) serves HOST:PORT.
const innerPort = await new Promise((resolve) => {
  const probe = createServer().listen(0, "127.0.0.1", () => {
    const { port: free } = probe.address();
    probe.close(() => resolve(String(free)));
  });
});
const devArgs = ["dev", "--ip", "127.0.0.1", "--port", innerPort, "--persist-to", stateDir, "--show-interactive-dev-session=false", "--log-level", quiet ? "error" : "info"];
let generated;
if (instanceIsEmpty()) {
  const password = process.env.ADMIN_PASSWORD || (generated = generatePassword());
  devArgs.push("--var", `ADMIN_PASSWORD:${password}`);
}

const child = spawn(process.execPath, [wranglerBin, ...devArgs], { env: wranglerEnv, stdio: quiet ? ["ignore", "ignore", "inherit"] : ["ignore", "inherit", "inherit"] });
for (const signal of ["SIGINT", "SIGTERM"]) process.on(signal, () => child.kill(signal));
child.on("exit", (code) => process.exit(code ?? 0));

const url = `http://${host}:${port}`;
await waitUntilReady(`http://127.0.0.1:${innerPort}`, child);
await startFrontDoor({ host, port, targetPort: innerPort });
// The first request creates the admin account from ADMIN_PASSWORD; make it now rather than on a visitor's click.
await fetch(`${url}/status.php`);
if (generated) {
  console.log(`\n[cumulus] Created the administrator account.\n[cumulus]   login:    admin\n[cumulus]   password: ${generated}\n[cumulus] It is shown only this once: write it down.\n`);
}
console.log(`[cumulus] ready at ${url}`);
