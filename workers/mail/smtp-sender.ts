import type { WorkerMailer } from "worker-mailer";
import type { MailMessage, MailSender } from "./sender";

export interface SmtpSettings {
  host: string;
  port: number;
  /** Port 465 speaks TLS from the first byte; other ports upgrade with STARTTLS when the server offers it. */
  secure: boolean;
  username: string | null;
  password: string | null;
  from: string;
}

/** An address that could smuggle a second SMTP command or header line is refused before it reaches the wire. */
const SAFE_ADDRESS = /^[^\s<>"\x00-\x1f\x7f]+@[^\s<>"\x00-\x1f\x7f]+$/;

/**
 * Mail through an SMTP server, over Workers' TCP sockets (worker-mailer). One connection is opened at
 * the first message and kept for the next ones, since a digest run sends many; `close()` ends it.
 * A failed message drops the connection, so the next one starts afresh rather than on a broken session.
 */
export class SmtpSender implements MailSender {
  private connection: Promise<WorkerMailer> | null = null;

  constructor(private readonly settings: SmtpSettings) {
    if (!SAFE_ADDRESS.test(settings.from)) throw new Error("SMTP_FROM must be a plain e-mail address");
  }

  private connect(): Promise<WorkerMailer> {
    this.connection ??= import("worker-mailer").then(({ WorkerMailer, LogLevel }) =>
      WorkerMailer.connect({
        host: this.settings.host,
        port: this.settings.port,
        secure: this.settings.secure,
        startTls: true,
        credentials: this.settings.username !== null ? { username: this.settings.username, password: this.settings.password ?? "" } : undefined,
        // The library tries none unless told: every method it knows, PLAIN first as servers offer it over TLS.
        authType: ["plain", "login", "cram-md5"],
        logLevel: LogLevel.WARN,
        socketTimeoutMs: 20_000,
        responseTimeoutMs: 20_000,
      }),
    );
    return this.connection;
  }

  async send(message: MailMessage): Promise<void> {
    if (!SAFE_ADDRESS.test(message.to)) throw new Error(`Refusing to send to an unsafe address: ${JSON.stringify(message.to)}`);
    try {
      const mailer = await this.connect();
      await mailer.send({ from: this.settings.from, to: message.to, subject: message.subject, text: message.text });
    } catch (error) {
      await this.close();
      throw error;
    }
  }

  async close(): Promise<void> {
    const connection = this.connection;
    this.connection = null;
    if (!connection) return;
    const mailer = await connection.catch(() => null);
    await mailer?.close();
  }
}
