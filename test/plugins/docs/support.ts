import { env } from "cloudflare:workers";
import { expect } from "vitest";
import { markdownOf, mergeMarkdown } from "../../../plugins/docs/markdown/ydoc";
import type { DocsRoom } from "../../../plugins/docs/room";
import { COLLAB_ACCESS_HEADER, COLLAB_ROOM_HEADER, COLLAB_USER_HEADER } from "../../../workers/collab/room";
import { call } from "../../support/accounts";
import { until, YjsPeer } from "../../support/yjs-peer";
import { files, type Auth } from "../../sharing/support";

/** A JSON request to the API as `auth`. */
export function api(auth: [string, string], method: string, path: string, body?: unknown) {
  return call(path, { method, auth, headers: body === undefined ? {} : { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });
}

/** The file id the server gave a WebDAV upload. */
export const fileIdOf = (res: Response) => Number(res.headers.get("OC-FileId")!.slice(0, 8));

const rooms = () => (env as unknown as { DOCS_ROOM: DurableObjectNamespace<DocsRoom> }).DOCS_ROOM;

/** A document's room, as the Durable Object namespace gives it. */
export const roomOf = (fileId: number) => rooms().get(rooms().idFromName(`docs:${fileId}`));

/** An editor connected to a document's room as `user`, past the Worker's authorization (as the collab route would let them in). */
export async function openRoom(fileId: number, user: string): Promise<YjsPeer> {
  const res = await roomOf(fileId).fetch("http://room/", {
    headers: { Upgrade: "websocket", [COLLAB_USER_HEADER]: user, [COLLAB_ACCESS_HEADER]: "write", [COLLAB_ROOM_HEADER]: `docs:${fileId}` },
  });
  return new YjsPeer(res.webSocket!);
}

/** Types `markdown` into the live document through `peer`, and waits until the room holds it (a second peer sees it). */
export async function typeInto(peer: YjsPeer, fileId: number, user: string, markdown: string): Promise<void> {
  await until(() => peer.doc.getXmlFragment("default").length > 0, "document loaded");
  mergeMarkdown(peer.doc, markdown, "typing");
  const watcher = await openRoom(fileId, user);
  await until(() => markdownOf(watcher.doc) === markdown, "edit stored in the room");
  watcher.close();
}

/** Uploads by WebDAV as `user` and gives the new file's id. */
export async function upload(user: Auth, path: string, body: BodyInit): Promise<number> {
  const res = await files(user, "PUT", path, { body });
  expect([201, 204]).toContain(res.status);
  return fileIdOf(res);
}

/** A file's content by WebDAV, as text. */
export const text = async (user: Auth, path: string) => (await files(user, "GET", path)).text();
