// The local front door: what Cloudflare's edge does for a deployed Worker, done on one machine.
// - It answers `Expect: 100-continue` at once (workerd alone waits for the whole body first, and
//   WebDAV clients such as neon's wait for the interim answer).
// - A raw `#` in a request path is a character of a file name to WebDAV clients; it is sent on
//   percent-encoded, where a URL parser would otherwise drop everything after it.
// Bodies and WebSocket upgrades are piped through untouched, so memory stays flat whatever the size.
import http from "node:http";
import net from "node:net";

export function startFrontDoor({ host, port, targetPort }) {
  const server = http.createServer({ requestTimeout: 0, headersTimeout: 60_000 }, (req, res) => {
    const upstream = http.request(
      { host: "127.0.0.1", port: targetPort, method: req.method, path: safePath(req.url), headers: req.headers, setHost: false },
      (answer) => {
        res.writeHead(answer.statusCode ?? 502, answer.statusMessage, answer.rawHeaders);
        answer.pipe(res);
      },
    );
    upstream.on("error", () => {
      if (!res.headersSent) res.writeHead(502, { "Content-Type": "text/plain" });
      res.end("Cumulus is not answering");
    });
    req.pipe(upstream);
  });
  // Node answers "100 Continue" by itself when nobody listens for checkContinue; that is what we want.
  server.on("upgrade", (req, socket, head) => {
    const upstream = net.connect(targetPort, "127.0.0.1", () => {
      const lines = [`${req.method} ${safePath(req.url)} HTTP/1.1`];
      for (let i = 0; i < req.rawHeaders.length; i += 2) lines.push(`${req.rawHeaders[i]}: ${req.rawHeaders[i + 1]}`);
      upstream.write(`${lines.join("\r\n")}\r\n\r\n`);
      if (head.length) upstream.write(head);
      upstream.pipe(socket);
      socket.pipe(upstream);
    });
    const close = () => {
      upstream.destroy();
      socket.destroy();
    };
    upstream.on("error", close);
    socket.on("error", close);
  });
  return new Promise((resolve) => server.listen(Number(port), host, () => resolve(server)));
}

function safePath(url = "/") {
  return url.replace(/#/g, "%23");
}
