import { existsSync, mkdtempSync, readFileSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, beforeAll, describe, expect, it } from "vitest";
import { basicAuth, startServer, type RunningServer } from "./support/server";
import { syncedTree } from "./support/synced-tree";
import { requireTool, run } from "./support/tools";

const ADMIN_PASSWORD = "Partages-Admin-1!";
const PASSWORD = "Partages-Membre-1!";
const OWNER = "proprietaire";
const MEMBER = "benevole";
const READ_ONLY = "Lecture seule";
const READ_WRITE = "Écriture";
const SPACE = "Bureau virtuel";
const hasClient = requireTool("nextcloudcmd", "nextcloud-desktop-cmd");

const tree = syncedTree;

const encodePath = (path: string) => path.split("/").map(encodeURIComponent).join("/");

/**
 * The desktop client's sync engine (nextcloudcmd) for a member who received a folder read-only, a
 * folder read-write, and a reader's role in a space: everything comes down; what the member changes
 * where they may not write stays on their machine and the server is untouched; what they add where
 * they may write reaches the owner.
 */
describe.skipIf(!hasClient)("the desktop client syncing shares and a space (nextcloudcmd)", () => {
  let server: RunningServer;
  const local = mkdtempSync(join(tmpdir(), "ncmd-shared-"));

  const request = (path: string, user: string, password: string, init: RequestInit = {}) =>
    fetch(`${server.url}${path}`, { ...init, headers: { Authorization: basicAuth(user, password), ...(init.headers as Record<string, string>) } });
  const admin = (path: string, init: RequestInit = {}) => request(path, "admin", ADMIN_PASSWORD, init);
  const ocs = (path: string, user: string, password: string, form: Record<string, string>) =>
    request(`/ocs/v2.php${path}`, user, password, {
      method: "POST",
      headers: { "OCS-APIREQUEST": "true", Accept: "application/json", "Content-Type": "application/x-www-form-urlencoded" },
      body: new URLSearchParams(form).toString(),
    });
  /** The owner's (or, for the space, a writer's) view of a file: what the server really holds. */
  const ownerFile = (path: string, init: RequestInit = {}) => request(`/remote.php/dav/files/${OWNER}/${encodePath(path)}`, OWNER, PASSWORD, init);
  const sync = async (): Promise<{ code: number; output: string }> => {
    try {
      const { stdout, stderr } = await run("nextcloudcmd", ["--non-interactive", "--silent", "-u", MEMBER, "-p", PASSWORD, local, server.url], { timeout: 60_000 });
      return { code: 0, output: stdout + stderr };
    } catch (error) {
      // A refused upload makes nextcloudcmd exit non-zero; a timeout (a client stuck in a loop) shows as killed.
      const failed = error as { code?: number; killed?: boolean; stdout?: string; stderr?: string };
      if (failed.killed) throw new Error(`nextcloudcmd did not finish:\n${failed.stdout}${failed.stderr}`);
      return { code: failed.code ?? -1, output: `${failed.stdout ?? ""}${failed.stderr ?? ""}` };
    }
  };

  beforeAll(async () => {
    server = await startServer({ adminPassword: ADMIN_PASSWORD });
    for (const user of [OWNER, MEMBER]) expect((await ocs("/cloud/users", "admin", ADMIN_PASSWORD, { userid: user, password: PASSWORD })).status).toBe(200);

    for (const folder of [READ_ONLY, READ_WRITE]) expect((await ownerFile(folder, { method: "MKCOL" })).status).toBe(201);
    expect((await ownerFile(`${READ_ONLY}/consignes.txt`, { method: "PUT", body: "Consignes de sécurité\n" })).status).toBe(201);
    expect((await ownerFile(`${READ_WRITE}/inscriptions.txt`, { method: "PUT", body: "Inscriptions\n" })).status).toBe(201);
    const share = (path: string, permissions: string) =>
      ocs("/apps/files_sharing/api/v1/shares", OWNER, PASSWORD, { path: `/${path}`, shareType: "0", shareWith: MEMBER, permissions });
    expect((await share(READ_ONLY, "1")).status).toBe(200);
    expect((await share(READ_WRITE, "15")).status).toBe(200);

    const created = await admin("/api/admin/spaces", { method: "POST", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ name: SPACE }) });
    expect(created.status).toBe(201);
    const { id } = (await created.json()) as { id: number };
    for (const [user, role] of [
      [OWNER, "write"],
      [MEMBER, "read"],
    ]) {
      const granted = await admin(`/api/admin/spaces/${id}/members`, { method: "PUT", headers: { "Content-Type": "application/json" }, body: JSON.stringify({ type: "user", id: user, role }) });
      expect(granted.status).toBe(200);
    }
    expect((await ownerFile(`${SPACE}/ordre du jour.txt`, { method: "PUT", body: "Ordre du jour\n" })).status).toBe(201);
  });
  afterAll(async () => {
    await server?.stop();
  });

  it("brings both shares and the space down", async () => {
    const { code, output } = await sync();
    expect(code, output).toBe(0);
    expect(tree(local)).toEqual([`${READ_WRITE}/inscriptions.txt`, `${READ_ONLY}/consignes.txt`, `${SPACE}/ordre du jour.txt`].sort());
    expect(readFileSync(join(local, READ_ONLY, "consignes.txt"), "utf8")).toBe("Consignes de sécurité\n");
    expect(readFileSync(join(local, SPACE, "ordre du jour.txt"), "utf8")).toBe("Ordre du jour\n");
  });

  it("uploads nothing where the member may only read, and what they add to the read-write share", async () => {
    writeFileSync(join(local, READ_ONLY, "consignes.txt"), "Modifié sur le poste\n");
    writeFileSync(join(local, READ_ONLY, "ajout.txt"), "Ajout interdit\n");
    writeFileSync(join(local, SPACE, "ajout espace.txt"), "Ajout interdit\n");
    writeFileSync(join(local, READ_WRITE, "nouveau.txt"), "Ajout permis\n");
    // nextcloudcmd reads the permissions and reports those files as not allowed (exit code 1); any code will do.
    await sync();
    // A second run ends as well and sends nothing at all: the client does not retry in a loop.
    const before = server.output().length;
    await sync();
    const again = [...server.output().slice(before).matchAll(/\] (\w+) \/remote\.php\S* (\d{3})/g)].map((m) => m[1]!);
    expect(again.filter((m) => ["PUT", "MOVE", "MKCOL", "DELETE", "COPY"].includes(m)), again.join(" ")).toEqual([]);

    expect(await (await ownerFile(`${READ_ONLY}/consignes.txt`)).text()).toBe("Consignes de sécurité\n");
    expect((await ownerFile(`${READ_ONLY}/ajout.txt`)).status).toBe(404);
    expect((await ownerFile(`${SPACE}/ajout espace.txt`)).status).toBe(404);
    expect((await ownerFile(`${SPACE}/ordre du jour.txt`)).status).toBe(200);
    const added = await ownerFile(`${READ_WRITE}/nouveau.txt`);
    expect(added.status).toBe(200);
    expect(await added.text()).toBe("Ajout permis\n");
    // The member's own root got nothing either: the refused files did not land elsewhere.
    const listing = await request(`/remote.php/dav/files/${MEMBER}/`, MEMBER, PASSWORD, { method: "PROPFIND", headers: { Depth: "1" } });
    const hrefs = [...(await listing.text()).matchAll(/<d:href>([^<]+)<\/d:href>/g)].map((m) => decodeURIComponent(m[1]!));
    expect(hrefs.map((h) => h.replace(`/remote.php/dav/files/${MEMBER}/`, "")).sort()).toEqual(["", `${READ_ONLY}/`, `${READ_WRITE}/`, `${SPACE}/`].sort());
    // The server's log: no upload into the read-only places was ever accepted.
    const accepted = [...server.output().matchAll(/\] (PUT|MOVE|MKCOL) (\S+) (\d{3})/g)].filter(
      ([, , path, status]) => status!.startsWith("2") && (decodeURIComponent(path!).includes(`/${READ_ONLY}/`) || decodeURIComponent(path!).includes(`/${SPACE}/`)) && decodeURIComponent(path!).includes(MEMBER),
    );
    expect(accepted.map((m) => m[0])).toEqual([]);
  });

  it("keeps the server's version of the read-only file on the member's machine", () => {
    // The client either restored the server's file or kept the local change aside; it never wins.
    const restored = readFileSync(join(local, READ_ONLY, "consignes.txt"), "utf8");
    const conflicts = tree(local).filter((p) => p.startsWith(`${READ_ONLY}/consignes`) && p.includes("conflict"));
    expect(restored === "Consignes de sécurité\n" || conflicts.length > 0, `${restored} ${tree(local).join(", ")}`).toBe(true);
    expect(existsSync(join(local, READ_WRITE, "nouveau.txt"))).toBe(true);
  });
});
