import { mkdtempSync, readFileSync, writeFileSync, existsSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicAuth, startServer, type RunningServer } from "./support/server";
import { syncedTree } from "./support/synced-tree";
import { requireTool, run, writeAwkwardTree } from "./support/tools";

const PASSWORD = "Desktop-Cumulus-1!";
const hasClient = requireTool("nextcloudcmd", "nextcloud-desktop-cmd");

const tree = syncedTree;

describe.skipIf(!hasClient)("the Nextcloud desktop client's sync engine (nextcloudcmd)", () => {
  let server: RunningServer;
  const first = mkdtempSync(join(tmpdir(), "ncmd-a-"));
  const second = mkdtempSync(join(tmpdir(), "ncmd-b-"));
  let files: string[];
  const dav = (path: string, init: RequestInit = {}) =>
    fetch(`${server.url}/remote.php/dav/files/admin/Bureau${path.split("/").map(encodeURIComponent).join("/")}`, {
      ...init,
      headers: { Authorization: basicAuth("admin", PASSWORD), ...(init.headers as Record<string, string>) },
    });
  const sync = (dir: string) =>
    run("nextcloudcmd", ["--non-interactive", "--silent", "-u", "admin", "-p", PASSWORD, "--path", "/Bureau", dir, server.url], {
      timeout: 120_000,
    });

  beforeAll(async () => {
    server = await startServer({ adminPassword: PASSWORD });
    expect((await dav("", { method: "MKCOL" })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("uploads a first sync", async () => {
    files = writeAwkwardTree(first);
    await sync(first);
    for (const file of files) {
      const res = await dav(`/${file}`);
      expect(res.status, file).toBe(200);
      expect(await res.text()).toBe(readFileSync(join(first, file), "utf8"));
    }
  });

  it("brings everything down to a second client", async () => {
    await sync(second);
    expect(tree(second)).toEqual(tree(first));
    for (const file of files) expect(readFileSync(join(second, file), "utf8")).toBe(readFileSync(join(first, file), "utf8"));
  });

  it("brings a server-side change and delete down", async () => {
    expect((await dav(`/${files[0]}`, { method: "PUT", body: "changé sur le serveur\n" })).status).toBe(204);
    expect((await dav(`/${files[1]}`, { method: "DELETE" })).status).toBe(204);
    await sync(second);
    expect(readFileSync(join(second, files[0]!), "utf8")).toBe("changé sur le serveur\n");
    expect(existsSync(join(second, files[1]!))).toBe(false);
  });

  it("sends a client change up", async () => {
    writeFileSync(join(second, files[2]!), "changé sur le poste\n");
    await sync(second);
    expect(await (await dav(`/${files[2]}`)).text()).toBe("changé sur le poste\n");
  });

  it("transfers nothing on an idle resync", async () => {
    await sync(second);
    const before = server.output().length;
    await sync(second);
    // The server's own request log, as `npm start` prints it: what the client really asked for.
    const requests = [...server.output().slice(before).matchAll(/\] (\w+) \/remote\.php\S* (\d{3})/g)].map((m) => m[1]!);
    expect(requests.filter((m) => m === "PROPFIND").length, requests.join(" ")).toBeGreaterThan(0);
    expect(requests.filter((m) => ["GET", "PUT", "MOVE", "DELETE", "MKCOL", "COPY"].includes(m)), requests.join(" ")).toEqual([]);
  });
});
