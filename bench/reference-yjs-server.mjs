// The reference Yjs server (y-websocket's own, @y/websocket-server) on a port, for bench/collab-load.ts.
import http from "node:http";
import { setupWSConnection } from "@y/websocket-server/utils";
import { WebSocketServer } from "ws";

const port = Number(process.argv[2]);
const server = http.createServer((_, res) => res.end("ok"));
const wss = new WebSocketServer({ noServer: true });
wss.on("connection", (ws, req) => setupWSConnection(ws, req, { gc: true }));
server.on("upgrade", (req, socket, head) => wss.handleUpgrade(req, socket, head, (ws) => wss.emit("connection", ws, req)));
server.listen(port, "127.0.0.1", () => console.log("ready"));
