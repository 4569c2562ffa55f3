// The reference Yjs server for bench/collab.ts: y-websocket's own (@y/websocket-server), set up as its
// server.js does. With YPERSISTENCE set it stores every update in y-leveldb, as that server does.
// On SIGTERM it lets y-leveldb finish its queued writes before exiting, so a restart finds them all.
import http from "node:http";
import { getPersistence, setupWSConnection } from "@y/websocket-server/utils";
import { WebSocketServer } from "ws";

const port = Number(process.argv[2]);
const server = http.createServer((_, res) => res.end("okay"));
const wss = new WebSocketServer({ noServer: true });
wss.on("connection", (ws, req) => setupWSConnection(ws, req, { gc: true }));
server.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req)));
server.listen(port, "127.0.0.1", () => console.log("ready"));
process.on("SIGTERM", async () => {
  server.close();
  await getPersistence()?.provider?.destroy();
  process.exit(0);
});
