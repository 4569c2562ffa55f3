import { Document, ExternalHyperlink, HeadingLevel, ImageRun, Packer, Paragraph, Table, TableCell, TableRow, TextRun } from "docx";
import { env } from "cloudflare:workers";
import { markdownOf, mergeMarkdown } from "../../../plugins/docs/markdown/ydoc";
import type { DocsRoom } from "../../../plugins/docs/room";
import { COLLAB_ACCESS_HEADER, COLLAB_ROOM_HEADER, COLLAB_USER_HEADER } from "../../../workers/collab/room";
import { call } from "../../support/accounts";
import { until, YjsPeer } from "../../support/yjs-peer";

/** A 1×1 PNG, the smallest real picture. */
export const PNG = Uint8Array.from(atob("iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mP8z8BQDwAEhQGAhKmMIQAAAABJRU5ErkJggg=="), (ch) => ch.charCodeAt(0));

/** Meeting minutes as an association writes them in Word: headings, marks, a list, a table, a link and a picture. */
export function minutesDocx(): Promise<ArrayBuffer> {
  const cell = (text: string) => new TableCell({ children: [new Paragraph(text)] });
  const doc = new Document({
    sections: [
      {
        children: [
          new Paragraph({ text: "Procès-verbal de l'AG", heading: HeadingLevel.HEADING_1 }),
          new Paragraph({ text: "Présents", heading: HeadingLevel.HEADING_2 }),
          new Paragraph({ children: [new TextRun({ text: "Séance ouverte", bold: true }), new TextRun(" à 18 h, "), new TextRun({ text: "quorum atteint", italics: true }), new TextRun({ text: ", vote annulé", strike: true })] }),
          new Paragraph({ text: "Rapport moral", bullet: { level: 0 } }),
          new Paragraph({ text: "Rapport financier", bullet: { level: 0 } }),
          new Table({ rows: [new TableRow({ children: [cell("Poste"), cell("Montant")] }), new TableRow({ children: [cell("Cotisations"), cell("1 200 €")] })] }),
          new Paragraph({ children: [new TextRun("Voir "), new ExternalHyperlink({ link: "https://asso.example/ag", children: [new TextRun({ text: "le site", style: "Hyperlink" })] })] }),
          new Paragraph({ children: [new TextRun("Ligne un"), new TextRun({ text: "Ligne deux", break: 1 })] }),
          new Paragraph({ children: [new ImageRun({ type: "png", data: PNG, transformation: { width: 20, height: 20 }, altText: { name: "Logo", description: "Logo", title: "Logo" } })] }),
        ],
      },
    ],
  });
  return Packer.toArrayBuffer(doc);
}

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
