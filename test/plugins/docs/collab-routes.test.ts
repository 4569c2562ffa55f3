import { beforeAll, describe, expect, it } from "vitest";
import { markdownOf } from "../../../plugins/docs/markdown/ydoc";
import { call, seedAdmin, STRONG_PASSWORD } from "../../support/accounts";
import { ADMIN, dav } from "../../support/dav";
import { provisionUser } from "../../support/orgs";
import { until, YjsPeer } from "../../support/yjs-peer";

const upgrade = { Upgrade: "websocket" };

describe("collaboration endpoints", () => {
  let fileId: number;
  let stranger: [string, string];
  beforeAll(async () => {
    await seedAdmin();
    stranger = await provisionUser(ADMIN, "intrus");
    const res = await dav("PUT", "/Compte%20rendu%20AG.md", { body: "# Compte rendu AG\n" });
    fileId = Number(res.headers.get("OC-FileId")!.slice(0, 8));
  });

  it("gives the owner a token that opens the document's room", async () => {
    const res = await call(`/api/collab/${fileId}/token`, { method: "POST", auth: ADMIN });
    expect(res.status).toBe(200);
    const { token, readOnly } = await res.json<{ token: string; readOnly: boolean }>();
    expect(readOnly).toBe(false);
    const socket = await call(`/collab/${fileId}?token=${encodeURIComponent(token)}`, { headers: upgrade });
    expect(socket.status).toBe(101);
    const peer = new YjsPeer(socket.webSocket!);
    await until(() => markdownOf(peer.doc) === "# Compte rendu AG\n", "document content");
    peer.close();
  });

  it("refuses strangers, forged tokens and tokens for another document", async () => {
    expect((await call(`/api/collab/${fileId}/token`, { method: "POST", auth: stranger })).status).toBe(404);
    expect((await call(`/collab/${fileId}`, { headers: upgrade, auth: stranger })).status).toBe(403);
    expect((await call(`/collab/${fileId}`, { headers: upgrade })).status).toBe(401);
    expect((await call(`/collab/${fileId}?token=forged.token`, { headers: upgrade })).status).toBe(401);
    const other = await dav("PUT", "/autre.md", { body: "x" });
    const otherId = Number(other.headers.get("OC-FileId")!.slice(0, 8));
    const { token } = await (await call(`/api/collab/${otherId}/token`, { method: "POST", auth: ADMIN })).json<{ token: string }>();
    expect((await call(`/collab/${fileId}?token=${encodeURIComponent(token)}`, { headers: upgrade })).status).toBe(401);
  });

  it("closes the door to a disabled account even with a token it already holds", async () => {
    const lea = await provisionUser(ADMIN, "lea-docs");
    const res = await call("/remote.php/dav/files/lea-docs/notes.md", { method: "PUT", body: "notes", auth: lea });
    const id = Number(res.headers.get("OC-FileId")!.slice(0, 8));
    const { token } = await (await call(`/api/collab/${id}/token`, { method: "POST", auth: lea })).json<{ token: string }>();
    await call("/ocs/v2.php/cloud/users/lea-docs/disable", { method: "PUT", auth: ADMIN, headers: { "OCS-APIREQUEST": "true" } });
    expect((await call(`/collab/${id}?token=${encodeURIComponent(token)}`, { headers: upgrade })).status).toBe(403);
    expect(STRONG_PASSWORD).toBeTruthy();
  });
});
