import { createExecutionContext, createScheduledController, waitOnExecutionContext } from "cloudflare:test";
import { env as testEnv } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { afterEach, beforeAll, describe, expect, inject, it, vi } from "vitest";
import { activityPreferences, users } from "../../schema/core";
import { sendActivityDigests } from "../../workers/activity/digest";
import { recordActivity } from "../../workers/activity/record";
import type { Env } from "../../workers/env";
import worker from "../../workers/index";
import { LogSender } from "../../workers/mail/log-sender";
import { createMailSender } from "../../workers/mail/sender";
import { SmtpSender } from "../../workers/mail/smtp-sender";
import { db, seedAdmin, STRONG_PASSWORD } from "../support/accounts";
import { provisionUser } from "../support/orgs";

declare module "vitest" {
  export interface ProvidedContext {
    fakeSmtp: { smtpPort: number; inboxPort: number };
  }
}

/** The Worker's bindings and wrangler.toml's [vars], as the handlers see them. */
const env = testEnv as unknown as Env;

interface ReceivedMail {
  login: string | null;
  from: string;
  to: string[];
  data: string;
}

// test/clients/support/fake-smtp.ts, started by vitest's globalSetup in Node.
const { smtpPort, inboxPort } = inject("fakeSmtp");
const PASSWORD = "smtp-secret";
const inbox = async () => (await (await fetch(`http://127.0.0.1:${inboxPort}/`)).json()) as ReceivedMail[];
const clearInbox = () => fetch(`http://127.0.0.1:${inboxPort}/`, { method: "DELETE" }).then((r) => r.body?.cancel());

const smtpEnv = (extra: Partial<Env> = {}): Env => ({
  ...env,
  MAIL_SENDER: "",
  SMTP_HOST: "127.0.0.1",
  SMTP_PORT: String(smtpPort),
  SMTP_USER: "cumulus@asso.fr",
  SMTP_PASSWORD: PASSWORD,
  SMTP_FROM: "cumulus@asso.fr",
  ...extra,
});

/** The text/plain part of what worker-mailer sends (multipart, quoted-printable), decoded. */
const plainText = (data: string) => {
  const part = /Content-Transfer-Encoding: quoted-printable\r\n\r\n([\s\S]*?)\r\n--/i.exec(data)?.[1] ?? "";
  const bytes = part.replace(/=\r\n/g, "").replace(/=([0-9A-F]{2})/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16)));
  return new TextDecoder().decode(Uint8Array.from(bytes, (c) => c.charCodeAt(0)));
};

afterEach(async () => {
  vi.restoreAllMocks();
  await clearInbox();
});

describe("choosing the mail sender", () => {
  it("uses SMTP as soon as SMTP_HOST is set, the log otherwise or when asked, Cloudflare Email when asked", () => {
    expect(createMailSender(smtpEnv())).toBeInstanceOf(SmtpSender);
    expect(createMailSender(smtpEnv({ MAIL_SENDER: "log" }))).toBeInstanceOf(LogSender);
    expect(createMailSender({ ...env, MAIL_SENDER: "", MAIL_FROM: "" })).toBeInstanceOf(LogSender);
    expect(createMailSender(env)).toBeInstanceOf(LogSender); // wrangler.toml's default
  });

  it("refuses settings that cannot work instead of falling back to the log silently", () => {
    expect(() => createMailSender(smtpEnv({ SMTP_PORT: "smtp" }))).toThrow(/SMTP_PORT/);
    expect(() => createMailSender(smtpEnv({ SMTP_FROM: "", MAIL_FROM: "" }))).toThrow(/SMTP_FROM/);
    expect(() => createMailSender({ ...env, MAIL_SENDER: "smtp", SMTP_HOST: "" })).toThrow(/SMTP_HOST/);
    expect(() => createMailSender({ ...env, MAIL_SENDER: "cloudflare", MAIL_FROM: "cumulus@asso.fr" })).toThrow(/EMAIL/);
    expect(() => createMailSender({ ...env, MAIL_SENDER: "pigeon" })).toThrow(/MAIL_SENDER/);
  });
});

describe("the SMTP sender in workerd", () => {
  it("logs in and delivers UTF-8 messages over one connection", async () => {
    const sender = createMailSender(smtpEnv());
    await sender.send({ to: "claire@asso.fr", subject: "Activité récente", text: "Été à la mer\nDeuxième ligne" });
    await sender.send({ to: "hugo@asso.fr", subject: "Second", text: "Hello" });
    await sender.close?.();
    const received = await inbox();
    expect(received).toHaveLength(2);
    expect(received[0]).toMatchObject({ login: "cumulus@asso.fr", from: "cumulus@asso.fr", to: ["claire@asso.fr"] });
    expect(received[0]!.data).toMatch(/^Subject: =\?UTF-8\?/m);
    expect(plainText(received[0]!.data)).toContain("Été à la mer");
    expect(received[1]!.to).toEqual(["hugo@asso.fr"]);
  });

  it("fails clearly on a wrong password, and on an address that could inject commands", async () => {
    await expect(createMailSender(smtpEnv({ SMTP_PASSWORD: "wrong" })).send({ to: "claire@asso.fr", subject: "x", text: "x" })).rejects.toThrow(/535/);
    const sender = createMailSender(smtpEnv());
    await expect(sender.send({ to: "claire@asso.fr>\r\nRCPT TO:<evil@x.test", subject: "x", text: "x" })).rejects.toThrow(/unsafe address/);
    await sender.close?.();
    expect(await inbox()).toEqual([]);
  });
});

describe("activity digests through the configured sender", () => {
  beforeAll(async () => {
    await seedAdmin();
    for (const [id, email] of [
      ["claire", "claire@refused.test"],
      ["hugo", "hugo@asso.fr"],
    ] as const) {
      await provisionUser(["admin", STRONG_PASSWORD], id);
      await db().update(users).set({ email }).where(eq(users.id, id));
    }
  });

  it("a refused recipient costs the others nothing, and is tried again at the next run", async () => {
    await recordActivity(db(), [
      { userId: "claire", actorId: "hugo", type: "shared", path: "/Adhésions-postales.xlsx" },
      { userId: "hugo", actorId: "claire", type: "shared", path: "/210831-reunionCA.docx" },
    ]);
    const errors = vi.spyOn(console, "error").mockImplementation(() => {});
    const now = 1_800_000_000;
    expect(await sendActivityDigests(db(), createMailSender(smtpEnv()), now)).toBe(1);
    const received = await inbox();
    expect(received.map((m) => m.to)).toEqual([["hugo@asso.fr"]]);
    expect(plainText(received[0]!.data)).toContain("claire a partagé /210831-reunionCA.docx");
    expect(errors).toHaveBeenCalledWith(expect.stringMatching(/digest for claire not sent: .*550/));

    await db().update(users).set({ email: "claire@asso.fr" }).where(eq(users.id, "claire"));
    await clearInbox();
    expect(await sendActivityDigests(db(), createMailSender(smtpEnv()), now + 60)).toBe(1);
    expect((await inbox()).map((m) => m.to)).toEqual([["claire@asso.fr"]]);
  });

  it("the hourly cron sends through the log by default, and through SMTP once it is configured", async () => {
    // The runs above used a fixed clock; make hugo's next digest due now, for the cron's real clock.
    const due = () => db().update(activityPreferences).set({ lastMailedAt: 0 }).where(eq(activityPreferences.userId, "hugo"));
    const cron = async (cronEnv: Env) => {
      const ctx = createExecutionContext();
      await worker.scheduled(createScheduledController({ cron: "0 * * * *" }), cronEnv, ctx);
      await waitOnExecutionContext(ctx);
    };
    await recordActivity(db(), [{ userId: "hugo", actorId: "claire", type: "shared", path: "/le cloud.pptx" }]);
    await due();
    const log = vi.spyOn(console, "log").mockImplementation(() => {});
    await cron(env);
    expect(log).toHaveBeenCalledWith(expect.stringMatching(/^\[mail\] to=hugo@asso\.fr subject="Activité récente dans Cumulus"[\s\S]*le cloud\.pptx/));
    expect(await inbox()).toEqual([]);

    await recordActivity(db(), [{ userId: "hugo", actorId: "claire", type: "shared", path: "/Réadhésions 2021" }]);
    await due();
    await cron(smtpEnv());
    const received = await inbox();
    expect(received.map((m) => m.to)).toEqual([["hugo@asso.fr"]]);
    expect(plainText(received[0]!.data)).toContain("claire a partagé /Réadhésions 2021");
    expect(plainText(received[0]!.data)).not.toContain("le cloud.pptx");
  });
});
