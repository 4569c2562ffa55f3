import { beforeAll, describe, expect, it } from "vitest";
import { recordActivity } from "../../workers/activity/record";
import { call, db, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";

type Stream = { activities: { type: string; path: string; actorId: string | null; details: unknown }[] };

describe("activity stream", () => {
  let lea: [string, string];
  beforeAll(async () => {
    await seedAdmin();
    lea = await provisionUser(["admin", STRONG_PASSWORD], "lea");
    await provisionUser(["admin", STRONG_PASSWORD], "hugo");
    await recordActivity(db(), [
      { userId: "lea", actorId: "lea", type: "file_created", fileId: 1, path: "/2021-2022/ASSEMBLEE GENERALE/210831-reunionCA.docx" },
      { userId: "lea", actorId: "hugo", type: "file_changed", fileId: 1, path: "/2021-2022/ASSEMBLEE GENERALE/210831-reunionCA.docx" },
      { userId: "lea", actorId: "hugo", type: "shared", fileId: 2, path: "/Adhésions-postales.xlsx", details: { with: "lea" } },
      { userId: "hugo", actorId: "hugo", type: "file_deleted", fileId: 3, path: "/secret.txt" },
    ]);
  });

  it("shows a user their own stream, newest first, and nobody else's", async () => {
    const res = await call("/api/activity", { auth: lea });
    const { activities } = await res.json<Stream>();
    expect(activities.map((a) => a.type)).toEqual(["shared", "file_changed", "file_created"]);
    expect(activities[0]!.details).toEqual({ with: "lea" });
  });

  it("filters by file and pages by id", async () => {
    const byFile = await (await call("/api/activity?fileId=1&limit=1", { auth: lea })).json<Stream & { activities: { id: number }[] }>();
    expect(byFile.activities).toHaveLength(1);
    const next = await (await call(`/api/activity?fileId=1&before=${byFile.activities[0]!.id}`, { auth: lea })).json<Stream>();
    expect(next.activities.map((a) => a.type)).toEqual(["file_created"]);
  });

  it("follows the user's settings: stream types and their own actions", async () => {
    const current = await (await call("/api/activity/settings", { auth: lea })).json<{ settings: { events: { id: string; stream: boolean; mail: boolean }[] } }>();
    expect(current.settings).toMatchObject({ mailFrequency: "daily", listOwnActions: true });
    expect(current.settings.events.find((e) => e.id === "shared")).toEqual({ id: "shared", stream: true, mail: true });
    const put = await call("/api/activity/settings", {
      method: "PUT",
      auth: lea,
      headers: { "Content-Type": "application/json" },
      body: JSON.stringify({ events: [{ id: "shared", stream: false, mail: true }], mailFrequency: "weekly", favoritesOnly: false, listOwnActions: false, mailOwnActions: false }),
    });
    expect(put.status).toBe(200);
    const { activities } = await (await call("/api/activity", { auth: lea })).json<Stream>();
    expect(activities.map((a) => a.type)).toEqual(["file_changed"]);
  });

  it("refuses bad settings and anonymous readers", async () => {
    const bad = await call("/api/activity/settings", { method: "PUT", auth: lea, headers: { "Content-Type": "application/json" }, body: JSON.stringify({ events: [{ id: "nope", stream: true, mail: true }], mailFrequency: "daily", favoritesOnly: false, listOwnActions: true, mailOwnActions: false }) });
    expect(bad.status).toBe(400);
    expect((await call("/api/activity")).status).toBe(401);
    expect((await call("/api/activity?limit=100000", { auth: lea })).status).toBe(400);
  });
});
