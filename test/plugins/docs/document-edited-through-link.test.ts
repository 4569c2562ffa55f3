import { runDurableObjectAlarm } from "cloudflare:test";
import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import { markdownOf, mergeMarkdown } from "../../../plugins/docs/markdown/ydoc";
import type { DocsRoom } from "../../../plugins/docs/room";
import { READ, UPDATE } from "../../../workers/sharing/permission-bits";
import { linkPrincipal } from "../../../workers/sharing/public/link-principal";
import { fileAccess } from "../../../workers/storage/access";
import { call, db } from "../../support/accounts";
import { until, YjsPeer } from "../../support/yjs-peer";
import { linkOwner, linkPage, linkProofCookie, linkResource, submitLinkPassword } from "../../sharing/link-support";
import { shareApi } from "../../sharing/support";

const secretaire = linkOwner("secretaire-invites");
const PASSWORD = "Invites-AG-2026!";
const rooms = () => (env as unknown as { DOCS_ROOM: DurableObjectNamespace<DocsRoom> }).DOCS_ROOM;
const room = (id: number) => rooms().get(rooms().idFromName(`docs:${id}`));

interface LinkGrant {
  token: string;
  readOnly: boolean;
  fileId: number;
  name: string;
}

const grantOf = (token: string, init: RequestInit = {}, path?: string) => linkResource(token, "collab-token", path, init);

async function joinThroughLink(token: string, path?: string) {
  const grant = await (await grantOf(token, {}, path)).json<LinkGrant>();
  const socket = await call(`/collab/${grant.fileId}?token=${encodeURIComponent(grant.token)}`, { headers: { Upgrade: "websocket" } });
  expect(socket.status).toBe(101);
  return { grant, peer: new YjsPeer(socket.webSocket!) };
}

/** Nextcloud Text lets a link that allows editing co-edit the document: its visitors act as the link. */
describe("a document edited through a public link", () => {
  let docId: number;
  let outsideId: number;
  beforeAll(async () => {
    await secretaire.seed();
    await secretaire.mkcol("/AG");
    await secretaire.put("/AG/pv.md", "PV\n");
    await secretaire.put("/AG/budget.md", "Budget\n");
    await secretaire.put("/ailleurs.md", "Ailleurs\n");
    docId = (await secretaire.node("/AG/pv.md"))!.id;
    outsideId = (await secretaire.node("/ailleurs.md"))!.id;
  });

  it("offers the editor and a writer's pass on a link that allows editing, and neither on the others", async () => {
    const editable = await secretaire.link("/AG/pv.md", { permissions: READ | UPDATE });
    const page = await (await linkPage(editable.token)).text();
    expect(page).toContain(`href="/s/${editable.token}/resource?key=editor"`);
    expect(page).toContain("Modifier le document");
    const editor = await linkPage(editable.token, "/resource?key=editor");
    expect(editor.status).toBe(200);
    expect(editor.headers.get("Content-Type")).toContain("text/html");
    expect(await editor.text()).toMatch(/<body[^>]*data-plugin="docs"[^>]*data-editor="document"/);
    const grant = await (await grantOf(editable.token)).json<LinkGrant>();
    expect(grant).toMatchObject({ readOnly: false, fileId: docId, name: "pv.md" });

    const readOnly = await secretaire.link("/AG/pv.md");
    expect(await (await linkPage(readOnly.token)).text()).not.toContain("Modifier le document");
    expect((await linkPage(readOnly.token, "/resource?key=editor")).status).toBe(404);
    // The live room shows who is there by name: it is for those who may edit.
    expect((await grantOf(readOnly.token)).status).toBe(404);
  });

  it("lets visitors type, writes their text back as the link's author, and shows it to the others", async () => {
    const { token } = await secretaire.link("/AG/pv.md", { permissions: READ | UPDATE });
    const { peer } = await joinThroughLink(token);
    await until(() => markdownOf(peer.doc) === "PV\n", "initial content");
    const { peer: second } = await joinThroughLink(token);
    await until(() => markdownOf(second.doc) === "PV\n", "the second visitor's content");
    mergeMarkdown(peer.doc, "PV\n\nAjouté par un invité.\n", "typing");
    await until(() => markdownOf(second.doc).includes("Ajouté par un invité."), "the edit reaches the other visitor");
    peer.close();
    second.close();
    await runDurableObjectAlarm(room(docId));
    await expect.poll(() => secretaire.text("/AG/pv.md")).toContain("Ajouté par un invité.");
    // Written as the link's author, as every write through the link is.
    const activity = await (await call(`/api/activity?fileId=${docId}`, { auth: secretaire.auth })).json<{ activities: { type: string; actorId: string | null }[] }>();
    expect(activity.activities.filter((a) => a.type === "file_changed").map((a) => a.actorId)).toContain(secretaire.id);
  });

  it("shows its visitors to members as guests, whoever they claim to be", async () => {
    const { token } = await secretaire.link("/AG/pv.md", { permissions: READ | UPDATE });
    const member = await call(`/api/collab/${docId}/token`, { method: "POST", auth: secretaire.auth });
    const socket = await call(`/collab/${docId}?token=${encodeURIComponent((await member.json<{ token: string }>()).token)}`, { headers: { Upgrade: "websocket" } });
    const watcher = new YjsPeer(socket.webSocket!);
    const { peer: visitor } = await joinThroughLink(token);
    await until(() => markdownOf(visitor.doc).startsWith("PV"), "content");
    visitor.awareness.setLocalStateField("user", { id: secretaire.id, name: "La secrétaire" });
    const seen = () => watcher.awareness.getStates().get(visitor.awareness.clientID) as { user?: { id: string; guest?: boolean; name: string } } | undefined;
    await until(() => seen()?.user !== undefined, "the visitor's state reaches the member");
    expect(seen()!.user).toEqual({ id: `guest:${visitor.awareness.clientID}`, name: "La secrétaire", guest: true });
    visitor.close();
    watcher.close();
  });

  it("reaches the documents of a shared folder, and nothing outside it", async () => {
    const { token } = await secretaire.link("/AG", { permissions: 15 });
    const { grant, peer } = await joinThroughLink(token, "/budget.md");
    expect(grant.readOnly).toBe(false);
    await until(() => markdownOf(peer.doc) === "Budget\n", "the folder's document");
    peer.close();
    // The authorization service answers for the link: its folder, not the rest of the owner's files.
    const link = await linkPrincipal(await secretaire.link("/AG", { permissions: 15 }));
    expect((await fileAccess(db(), link, docId))?.access).toBe("write");
    expect(await fileAccess(db(), link, outsideId)).toBeNull();
    expect(await fileAccess(db(), await linkPrincipal({ id: 999_999, passwordHash: null }), docId)).toBeNull();
    // A pass for one document opens no other room.
    const other = await call(`/collab/${outsideId}?token=${encodeURIComponent(grant.token)}`, { headers: { Upgrade: "websocket" } });
    expect(other.status).toBe(401);
  });

  it("keeps the pass behind the link's password, and ends it when the password changes", async () => {
    const { token, id: linkId } = await secretaire.link("/AG/pv.md", { permissions: READ | UPDATE, password: PASSWORD });
    expect((await grantOf(token)).status).toBe(401);
    expect((await linkPage(token, "/resource?key=editor")).status).toBe(401);
    const cookie = linkProofCookie(await submitLinkPassword(token, PASSWORD));
    const grant = await (await grantOf(token, { headers: { Cookie: cookie } })).json<LinkGrant>();
    const socket = await call(`/collab/${grant.fileId}?token=${encodeURIComponent(grant.token)}`, { headers: { Upgrade: "websocket" } });
    const peer = new YjsPeer(socket.webSocket!);
    await until(() => markdownOf(peer.doc).startsWith("PV"), "content");
    // A new password logs every browser out: the visitors who came in with the old one too.
    expect((await shareApi(secretaire.auth, "PUT", `/shares/${linkId}`, { password: "Nouveau-mot-2026!" })).status).toBe(200);
    await runDurableObjectAlarm(room(docId));
    await until(() => peer.closed !== undefined, "closed", 5000);
    expect(peer.closed!.code).toBe(4403);
  });

  it("turns visitors read-only when the link stops allowing edits, and closes them when it is deleted", async () => {
    const link = await secretaire.link("/AG/pv.md", { permissions: READ | UPDATE });
    const { peer } = await joinThroughLink(link.token);
    await until(() => markdownOf(peer.doc).startsWith("PV"), "content");
    const before = markdownOf(peer.doc);
    expect((await shareApi(secretaire.auth, "PUT", `/shares/${link.id}`, { permissions: "1" })).status).toBe(200);
    await runDurableObjectAlarm(room(docId));
    mergeMarkdown(peer.doc, `${before}\nAprès la fin des modifications.\n`, "typing");
    await until(() => peer.permissionDenied !== undefined, "told it is read-only", 5000);
    expect(await secretaire.text("/AG/pv.md")).not.toContain("Après la fin");

    expect((await shareApi(secretaire.auth, "DELETE", `/shares/${link.id}`)).status).toBe(200);
    await runDurableObjectAlarm(room(docId));
    await until(() => peer.closed !== undefined, "closed", 5000);
    expect(peer.closed!.code).toBe(4403);
    // And the page no longer hands out passes.
    expect((await grantOf(link.token)).status).toBe(404);
  });
});
