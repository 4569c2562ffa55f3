import type { Env } from "../env";
import { CloudflareEmailSender, type SendEmailBinding } from "./cloudflare-email-sender";
import { LogSender } from "./log-sender";

export interface MailMessage {
  to: string;
  subject: string;
  text: string;
}

export interface MailSender {
  send(message: MailMessage): Promise<void>;
}

/**
 * The configured way out for e-mail: Cloudflare Email (a `send_email` binding named EMAIL plus
 * MAIL_FROM) when set up, otherwise the log, so that nothing is lost silently on a fresh instance.
 */
export function createMailSender(env: Env): MailSender {
  const binding = env.EMAIL as SendEmailBinding | undefined;
  if (env.MAIL_SENDER === "cloudflare" && binding && env.MAIL_FROM) return new CloudflareEmailSender(binding, env.MAIL_FROM);
  return new LogSender();
}
