import type { MailMessage, MailSender } from "./sender";

/** The default: mail is written to the Worker's log (`wrangler tail`, or the `npm start` console). */
export class LogSender implements MailSender {
  readonly sent: MailMessage[] = [];

  async send(message: MailMessage): Promise<void> {
    this.sent.push(message);
    console.log(`[mail] to=${message.to} subject=${JSON.stringify(message.subject)}\n${message.text}`);
  }
}
