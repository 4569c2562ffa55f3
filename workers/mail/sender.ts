import { z } from "zod";
import type { Env } from "../env";
import { CloudflareEmailSender, type SendEmailBinding } from "./cloudflare-email-sender";
import { LogSender } from "./log-sender";
import { SmtpSender } from "./smtp-sender";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MailSender {
  send(message: MailMessage): Promise<void>;
  /** Ends what the sender holds open (an SMTP connection) once a batch is sent. */
  close?(): Promise<void>;
}

const blank = (v: string | undefined) => (v === undefined || v.trim() === "" ? undefined : v.trim());

const mailSettings = z.object({
  MAIL_SENDER: z.preprocess(blank, z.enum(["log", "cloudflare", "smtp"]).optional()),
  MAIL_FROM: z.preprocess(blank, z.email().optional()),
  SMTP_HOST: z.preprocess(blank, z.string().optional()),
  SMTP_PORT: z.preprocess(blank, z.coerce.number().int().min(1).max(65535).default(587)),
  SMTP_USER: z.preprocess(blank, z.string().optional()),
  SMTP_PASSWORD: z.string().optional(),
  SMTP_FROM: z.preprocess(blank, z.email().optional()),
});

/**
 * The configured way out for e-mail. MAIL_SENDER names it; left empty, SMTP is used as soon as
 * SMTP_HOST is set, and the log otherwise, so that nothing is lost silently on a fresh instance.
 * A choice that cannot work (SMTP without a host or a sender address) is an error, not a quiet
 * fall-back to the log: the cron's log then says what is missing.
 */
export function createMailSender(env: Env): MailSender {
  const parsed = mailSettings.safeParse(env);
  if (!parsed.success) throw new Error(`Invalid mail settings: ${z.prettifyError(parsed.error)}`);
  const v = parsed.data;
  const kind = v.MAIL_SENDER ?? (v.SMTP_HOST ? "smtp" : "log");
  if (kind === "cloudflare") {
    const binding = env.EMAIL as SendEmailBinding | undefined;
    if (!binding || !v.MAIL_FROM) throw new Error('MAIL_SENDER = "cloudflare" needs a [[send_email]] binding named EMAIL and MAIL_FROM');
    return new CloudflareEmailSender(binding, v.MAIL_FROM);
  }
  if (kind === "smtp") {
    const from = v.SMTP_FROM ?? v.MAIL_FROM;
    if (!v.SMTP_HOST || !from) throw new Error("SMTP mail needs SMTP_HOST and SMTP_FROM");
    return new SmtpSender({
      host: v.SMTP_HOST,
      port: v.SMTP_PORT,
      secure: v.SMTP_PORT === 465,
      username: v.SMTP_USER ?? null,
      password: v.SMTP_PASSWORD ?? null,
      from,
    });
  }
  return new LogSender();
}
