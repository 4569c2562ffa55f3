import type { MailMessage, MailSender } from "./sender";

/** The `send_email` binding's shape; its message class comes from `cloudflare:email` at run time. */
export interface SendEmailBinding {
  send(message: unknown): Promise<void>;
}

const base64 = (text: string) => {
  let binary = "";
  for (const b of new TextEncoder().encode(text)) binary += String.fromCharCode(b);
  return btoa(binary);
};

/** RFC 2047: a header with accents ("Activité") travels as an encoded word. */
const encodeHeader = (text: string) => (/^[\x20-\x7e]*$/.test(text) ? text : `=?UTF-8?B?${base64(text)}?=`);

/** A plain-text UTF-8 message in RFC 5322 form, as Cloudflare Email expects. */
export function buildMime(from: string, message: MailMessage, now = new Date()): string {
  const body = base64(message.text).replace(/.{1,76}/g, "$&\r\n");
  return [
    `From: ${from}`,
    `To: ${message.to}`,
    `Subject: ${encodeHeader(message.subject)}`,
    `Date: ${now.toUTCString()}`,
    `Message-ID: <${crypto.randomUUID()}@${from.split("@")[1] ?? "cumulus"}>`,
    "MIME-Version: 1.0",
    "Content-Type: text/plain; charset=UTF-8",
    "Content-Transfer-Encoding: base64",
    "",
    body,
  ].join("\r\n");
}

export class CloudflareEmailSender implements MailSender {
  constructor(
    private readonly binding: SendEmailBinding,
    private readonly from: string,
  ) {}

  async send(message: MailMessage): Promise<void> {
    const { EmailMessage } = await import("cloudflare:email");
    await this.binding.send(new EmailMessage(this.from, message.to, buildMime(this.from, message)));
  }
}
