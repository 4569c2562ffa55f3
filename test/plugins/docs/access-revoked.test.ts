import { runDurableObjectAlarm, runInDurableObject } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { markdownOf, mergeMarkdown } from "../../../plugins/docs/markdown/ydoc";
import type { DocsRoom } from "../../../plugins/docs/room";
import { ACCESS_RECHECK_MS, COLLAB_ACCESS_HEADER, COLLAB_ROOM_HEADER, COLLAB_USER_HEADER, type CollabConnection } from "../../../workers/collab/room";
import { ocs, seedAdmin } from "../../support/accounts";
import { ADMIN } from "../../support/dav";
import { provisionUser } from "../../support/orgs";
import { until, YjsPeer } from "../../support/yjs-peer";
import { fileId, files, mkcol, put, share, shareApi, type Auth } from "../../sharing/support";

const rooms = () => (env as unknown as { DOCS_ROOM: DurableObjectNamespace<DocsRoom> }).DOCS_ROOM;
const room = (id: number) => rooms().get(rooms().idFromName(`docs:${id}`));

async function open(id: number, user: string) {
  const res = await room(id).fetch("http://room/", {
    headers: { Upgrade: "websocket", [COLLAB_USER_HEADER]: user, [COLLAB_ACCESS_HEADER]: "write", [COLLAB_ROOM_HEADER]: `docs:${id}` },
  });
  return new YjsPeer(res.webSocket!);
}

/** Access is checked when an editor connects, and again while it stays: what was revoked stops at once. */
describe("an open document when access ends", () => {
  let owner: Auth;
  beforeAll(async () => {
    await seedAdmin();
    owner = await provisionUser(ADMIN, "rev-owner");
  });

  async function sharedDocument(folder: string, recipient: Auth) {
    await mkcol(owner, `/${folder}`);
    await put(owner, `/${folder}/pv.md`, "PV\n");
    const shared = await share(owner, { path: `/${folder}`, shareType: "0", shareWith: recipient[0], permissions: "15" });
    return { id: await fileId(owner, `/${folder}/pv.md`), shareId: shared.id };
  }

  /** A new recipient of a shared document, with it open and loaded. */
  async function editing(login: string, folder: string) {
    const recipient = await provisionUser(ADMIN, login);
    const { id, shareId } = await sharedDocument(folder, recipient);
    const peer = await open(id, recipient[0]);
    await until(() => markdownOf(peer.doc) === "PV\n", "initial content");
    return { recipient, id, shareId, peer };
  }

  /** The owner with the document open too, to see what reaches others. */
  async function watching(id: number) {
    const watcher = await open(id, owner[0]);
    await until(() => markdownOf(watcher.doc) === "PV\n", "the owner's initial content");
    return watcher;
  }

  it("closes the editor of a share that was deleted", async () => {
    const { id, shareId, peer } = await editing("rev-unshared", "Unshared");
    expect((await shareApi(owner, "DELETE", `/shares/${shareId}`)).status).toBe(200);
    await runDurableObjectAlarm(room(id));
    await until(() => peer.closed !== undefined, "closed", 5000);
    expect(peer.closed!.code).toBe(4403);
  });

  it("closes the editor of an account that was disabled", async () => {
    const { recipient, id, peer } = await editing("rev-disabled", "Disabled");
    expect((await ocs(`/ocs/v2.php/cloud/users/${recipient[0]}/disable`, { method: "PUT", auth: ADMIN })).status).toBe(200);
    await runDurableObjectAlarm(room(id));
    await until(() => peer.closed !== undefined, "closed", 5000);
    expect(peer.closed!.code).toBe(4403);
  });

  it("turns the editor read-only when the share is lowered to read, and drops its edits", async () => {
    const { id, shareId, peer } = await editing("rev-lowered", "Lowered");
    const watcher = await watching(id);
    expect((await shareApi(owner, "PUT", `/shares/${shareId}`, { permissions: "1" })).status).toBe(200);
    await runDurableObjectAlarm(room(id));
    mergeMarkdown(peer.doc, "PV\n\nAjout après la fin du partage.\n", "typing");
    await until(() => peer.permissionDenied !== undefined, "told it is read-only", 5000);
    expect(markdownOf(watcher.doc)).toBe("PV\n");
    expect(await (await files(owner, "GET", "/Lowered/pv.md")).text()).toBe("PV\n");
    peer.close();
    watcher.close();
  });

  it("lowers every open tab of the editor, after earlier checks found nothing changed", async () => {
    const { recipient, id, shareId, peer } = await editing("rev-tabs", "Tabs");
    const secondTab = await open(id, recipient[0]);
    await until(() => markdownOf(secondTab.doc) === "PV\n", "the second tab's content");
    await runDurableObjectAlarm(room(id)); // confirmed as it was: nothing to change on either tab
    expect((await shareApi(owner, "PUT", `/shares/${shareId}`, { permissions: "1" })).status).toBe(200);
    await runDurableObjectAlarm(room(id));
    mergeMarkdown(peer.doc, "PV\n\nPremier onglet.\n", "typing");
    mergeMarkdown(secondTab.doc, "PV\n\nSecond onglet.\n", "typing");
    await until(() => peer.permissionDenied !== undefined && secondTab.permissionDenied !== undefined, "both tabs told they are read-only", 5000);
    expect(await (await files(owner, "GET", "/Tabs/pv.md")).text()).toBe("PV\n");
    peer.close();
    secondTab.close();
  });

  /** Makes the room's last confirmation of everyone's access `ageMs` old, as if they had been typing that long. */
  const confirmedAgo = (id: number, ageMs: number) =>
    runInDurableObject(room(id), (_room, state) => {
      for (const ws of state.getWebSockets()) ws.serializeAttachment({ ...(ws.deserializeAttachment() as CollabConnection), checkedAt: Date.now() - ageMs });
    });

  it("asks again in the background while someone types, and closes them once the share is gone", async () => {
    const { id, shareId, peer } = await editing("rev-typing", "Typing");
    expect((await shareApi(owner, "DELETE", `/shares/${shareId}`)).status).toBe(200);
    // Confirmed less than ACCESS_RECHECK_MS ago: this keystroke is taken without waiting, and triggers the check.
    await confirmedAgo(id, ACCESS_RECHECK_MS * 0.75);
    mergeMarkdown(peer.doc, "PV\n\nDernier mot.\n", "typing");
    await until(() => peer.closed !== undefined, "closed by the background check", 5000);
    expect(peer.closed!.code).toBe(4403);
  });

  it("waits for the answer before taking a change on an older confirmation", async () => {
    const { id, shareId, peer } = await editing("rev-idle", "Idle");
    const watcher = await watching(id);
    expect((await shareApi(owner, "DELETE", `/shares/${shareId}`)).status).toBe(200);
    await confirmedAgo(id, ACCESS_RECHECK_MS + 500);
    mergeMarkdown(peer.doc, "PV\n\nAprès la fin du partage.\n", "typing");
    await until(() => peer.closed !== undefined, "closed", 5000);
    expect(peer.closed!.code).toBe(4403);
    expect(markdownOf(watcher.doc)).toBe("PV\n");
    watcher.close();
  });
});
