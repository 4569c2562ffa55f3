import { afterAll, describe, expect, it } from "vitest";
import { basicAuth, startServer, type RunningServer } from "./support/server";

const running: RunningServer[] = [];
afterAll(async () => {
  await Promise.all(running.map((s) => s.stop()));
});

async function start(options: Parameters<typeof startServer>[0] = {}) {
  const server = await startServer(options);
  running.push(server);
  return server;
}

const json = { "OCS-APIREQUEST": "true", Accept: "application/json" };

describe("npm start", () => {
  it("serves /status.php and creates admin with ADMIN_PASSWORD on an empty instance", async () => {
    // The whole of `npm start` once, web build included; the other starts take the run's build.
    const server = await start({ adminPassword: "Bureau-Codep-34!", buildWeb: true });
    const status = await fetch(`${server.url}/status.php`);
    expect(await status.json()).toMatchObject({ installed: true, productname: "Cumulus" });
    const me = await fetch(`${server.url}/ocs/v2.php/cloud/user`, { headers: { ...json, Authorization: basicAuth("admin", "Bureau-Codep-34!") } });
    expect(me.status).toBe(200);
    expect(server.output()).not.toContain("Bureau-Codep-34!");
  });

  it("prints a generated admin password once, and keeps state across restarts of one STATE_DIR only", async () => {
    const first = await start();
    const password = /password: (\S+)/.exec(first.output())?.[1];
    expect(password).toBeDefined();
    const auth = { ...json, Authorization: basicAuth("admin", password!) };
    const created = await fetch(`${first.url}/ocs/v2.php/cloud/users`, {
      method: "POST",
      headers: { ...auth, "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams({ userid: "persistant", password: "Persistant-2024!" }),
    });
    expect(created.status).toBe(200);
    await first.stop();

    const again = await start({ stateDir: first.stateDir });
    expect(again.output()).not.toContain("password:");
    expect((await fetch(`${again.url}/ocs/v2.php/cloud/users/persistant`, { headers: auth })).status).toBe(200);

    const other = await start({ adminPassword: "Autre-Instance-9!" });
    const otherAuth = { ...json, Authorization: basicAuth("admin", "Autre-Instance-9!") };
    expect((await fetch(`${other.url}/ocs/v2.php/cloud/users/persistant`, { headers: otherAuth })).status).toBe(404);
  });
});
