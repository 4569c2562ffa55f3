import { createServer as createHttpServer, type Server as HttpServer } from "node:http";
import { createServer, type Server, type Socket } from "node:net";

/** What the fake server was told for one message: the envelope, the login and the raw DATA. */
export interface ReceivedMail {
  login: string | null;
  from: string;
  to: string[];
  data: string;
}

export interface FakeSmtp {
  smtpPort: number;
  /** GET / answers the received messages as JSON; DELETE / forgets them. Tests inside workerd read it with fetch. */
  inboxPort: number;
  close: () => Promise<void>;
}

/** The password the fake server accepts; anything else gets 535, as a real server would. */
export const FAKE_SMTP_PASSWORD = "smtp-secret";

/**
 * A minimal SMTP server (RFC 5321 happy path, AUTH PLAIN and LOGIN, no TLS) for testing the SMTP
 * sender end to end inside workerd, over a real TCP connection.
 */
export async function startFakeSmtp(): Promise<FakeSmtp> {
  const inbox: ReceivedMail[] = [];
  const smtp = createServer((socket) => converse(socket, inbox));
  const http = createHttpServer((req, res) => {
    if (req.method === "DELETE") inbox.length = 0;
    res.setHeader("Content-Type", "application/json");
    res.end(JSON.stringify(inbox));
  });
  const smtpPort = await listen(smtp);
  const inboxPort = await listen(http);
  const close = async () => {
    await Promise.all([smtp, http].map((s) => new Promise((r) => s.close(r))));
  };
  return { smtpPort, inboxPort, close };
}

function listen(server: Server | HttpServer): Promise<number> {
  return new Promise((resolve) => server.listen(0, "127.0.0.1", () => resolve((server.address() as { port: number }).port)));
}

const decode = (b64: string) => Buffer.from(b64, "base64").toString("utf8");

function converse(socket: Socket, inbox: ReceivedMail[]) {
  let buffer = "";
  let inData = false;
  let login: string | null = null;
  let loginStep: "user" | "password" | null = null;
  let pendingUser = "";
  let current: ReceivedMail | null = null;
  const reply = (line: string) => socket.write(`${line}\r\n`);
  reply("220 fake.smtp.test ESMTP");

  const command = (line: string) => {
    if (loginStep === "user") {
      pendingUser = decode(line);
      loginStep = "password";
      return reply("334 UGFzc3dvcmQ6");
    }
    if (loginStep === "password") {
      loginStep = null;
      if (decode(line) !== FAKE_SMTP_PASSWORD) return reply("535 5.7.8 Authentication failed");
      login = pendingUser;
      return reply("235 2.7.0 Authentication successful");
    }
    const verb = line.split(" ")[0]!.toUpperCase();
    if (verb === "EHLO") return reply("250-fake.smtp.test\r\n250-AUTH PLAIN LOGIN\r\n250 8BITMIME");
    if (verb === "HELO") return reply("250 fake.smtp.test");
    if (line.toUpperCase().startsWith("AUTH PLAIN ")) {
      const [, user, password] = decode(line.slice(11)).split("\0");
      if (password !== FAKE_SMTP_PASSWORD) return reply("535 5.7.8 Authentication failed");
      login = user ?? null;
      return reply("235 2.7.0 Authentication successful");
    }
    if (line.toUpperCase() === "AUTH LOGIN") {
      loginStep = "user";
      return reply("334 VXNlcm5hbWU6");
    }
    if (verb === "MAIL") {
      current = { login, from: /<([^>]*)>/.exec(line)?.[1] ?? "", to: [], data: "" };
      return reply("250 2.1.0 OK");
    }
    if (verb === "RCPT") {
      const to = /<([^>]*)>/.exec(line)?.[1] ?? "";
      if (to.endsWith("@refused.test")) return reply("550 5.1.1 No such user");
      current?.to.push(to);
      return reply("250 2.1.5 OK");
    }
    if (verb === "DATA") {
      inData = true;
      return reply("354 End data with <CR><LF>.<CR><LF>");
    }
    if (verb === "RSET") {
      current = null;
      return reply("250 2.0.0 OK");
    }
    if (verb === "QUIT") {
      reply("221 2.0.0 Bye");
      return socket.end();
    }
    return reply("502 5.5.2 Command not recognized");
  };

  socket.on("data", (chunk) => {
    buffer += chunk.toString("utf8");
    for (;;) {
      if (inData) {
        const end = buffer.indexOf("\r\n.\r\n");
        if (end < 0) return;
        if (current) inbox.push({ ...current, data: buffer.slice(0, end) });
        current = null;
        buffer = buffer.slice(end + 5);
        inData = false;
        reply("250 2.0.0 Queued");
        continue;
      }
      const eol = buffer.indexOf("\r\n");
      if (eol < 0) return;
      const line = buffer.slice(0, eol);
      buffer = buffer.slice(eol + 2);
      command(line);
    }
  });
  socket.on("error", () => socket.destroy());
}
