import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { users } from "../../schema/core";
import { sendActivityDigests } from "../../workers/activity/digest";
import { recordActivity } from "../../workers/activity/record";
import { saveActivitySettings, readActivitySettings } from "../../workers/activity/settings";
import { buildMime } from "../../workers/mail/cloudflare-email-sender";
import { LogSender } from "../../workers/mail/log-sender";
import { db, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";

const HOUR = 3600;

describe("activity e-mail digests", () => {
  beforeAll(async () => {
    await seedAdmin();
    await provisionUser(["admin", STRONG_PASSWORD], "claire");
    await db().update(users).set({ email: "claire@asso.fr" }).where(eq(users.id, "claire"));
    await recordActivity(db(), [
      { userId: "claire", actorId: "hugo", type: "shared", fileId: 9, path: "/Adhésions-postales.xlsx" },
      { userId: "claire", actorId: "hugo", type: "file_changed", fileId: 9, path: "/Adhésions-postales.xlsx" },
      { userId: "claire", actorId: "claire", type: "shared", fileId: 10, path: "/le cloud.pptx" },
    ]);
  });

  it("sends what the user asked for by mail, once, in French by default", async () => {
    const sender = new LogSender();
    const now = 1_800_000_000;
    expect(await sendActivityDigests(db(), sender, now)).toBe(1);
    expect(sender.sent).toHaveLength(1);
    expect(sender.sent[0]).toMatchObject({ to: "claire@asso.fr", subject: "Activité récente dans Cumulus" });
    // Only "shared" is mailed by default, and not her own actions.
    expect(sender.sent[0]!.text).toContain("- hugo a partagé /Adhésions-postales.xlsx");
    expect(sender.sent[0]!.text).not.toContain("modifié");
    expect(sender.sent[0]!.text).not.toContain("le cloud.pptx");
    expect(await sendActivityDigests(db(), new LogSender(), now + 2 * 86_400)).toBe(0);
  });

  it("waits for the chosen frequency", async () => {
    const settings = await readActivitySettings(db(), "claire");
    await saveActivitySettings(db(), "claire", { ...settings, mailFrequency: "weekly", events: settings.events.map((e) => ({ ...e, mail: true })) });
    await recordActivity(db(), [{ userId: "claire", actorId: "hugo", type: "file_deleted", fileId: 11, path: "/vieux.txt" }]);
    const sentAt = 1_800_000_000;
    expect(await sendActivityDigests(db(), new LogSender(), sentAt + 2 * 86_400)).toBe(0);
    const sender = new LogSender();
    expect(await sendActivityDigests(db(), sender, sentAt + 8 * 86_400 + HOUR)).toBe(1);
    expect(sender.sent[0]!.text).toContain("hugo a supprimé /vieux.txt");
  });

  it("builds a standard UTF-8 message for Cloudflare Email", () => {
    const mime = buildMime("cumulus@asso.fr", { to: "claire@asso.fr", subject: "Activité", text: "Été" }, new Date(0));
    expect(mime).toContain("Subject: =?UTF-8?B?QWN0aXZpdMOp?=\r\n");
    expect(mime).toContain("Content-Transfer-Encoding: base64\r\n\r\nw4l0w6k=\r\n");
  });
});
