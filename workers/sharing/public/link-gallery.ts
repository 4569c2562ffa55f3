import { html } from "hono/html";
import type { FileNode } from "../../storage/tree";
import { downloadHref, pageHref, previewHref } from "./link-hrefs";
import { t, type Lang } from "./link-text";

interface GalleryFrame {
  lang: Lang;
  token: string;
}

export type FolderView = "gallery" | "list";

/** "Galerie · Liste": plain links, so the page needs no script; the current one is marked. */
export function viewToggle(frame: GalleryFrame, names: readonly string[], current: FolderView) {
  const { lang } = frame;
  const item = (view: FolderView) =>
    view === current
      ? html`<span aria-current="page">${t(lang, view)}</span>`
      : html`<a href="${pageHref(frame, names, view === "list" ? "list" : undefined)}">${t(lang, view)}</a>`;
  return html`<nav class="toggle" aria-label="${t(lang, "display")}">${item("gallery")} · ${item("list")}</nav>`;
}

/** The folder's pictures as thumbnails (the pictures themselves, loaded as they scroll in), each opening its own page. */
export function galleryGrid(frame: GalleryFrame, names: readonly string[], images: readonly FileNode[]) {
  const cells = images.map((image) => {
    const path = [...names, image.name];
    return html`<li><a href="${pageHref(frame, path)}"><img src="${previewHref(frame, path)}" alt="${image.name}" loading="lazy"><span>${image.name}</span></a></li>`;
  });
  return html`<ul class="gallery">${cells}</ul>`;
}

export interface ImageNeighbours {
  previous?: FileNode;
  next?: FileNode;
}

/**
 * One picture large, with links to the folder's previous and next ones (worked out by the server).
 * Without downloads the picture is shown but leads nowhere.
 */
export function imageView(frame: GalleryFrame, names: readonly string[], name: string, hideDownload: boolean, around: ImageNeighbours = {}) {
  const { lang } = frame;
  const picture = html`<img src="${previewHref(frame, names)}" alt="${name}">`;
  const folder = names.slice(0, -1);
  const step = (node: FileNode | undefined, label: "previous" | "next", arrow: string) =>
    node ? html`<a href="${pageHref(frame, [...folder, node.name])}" rel="${label === "previous" ? "prev" : "next"}">${label === "previous" ? arrow : ""} ${t(lang, label)} ${label === "next" ? arrow : ""}</a>` : html`<span></span>`;
  const steps = around.previous || around.next ? html`<nav class="steps">${step(around.previous, "previous", "←")}${step(around.next, "next", "→")}</nav>` : "";
  return html`<figure class="photo">${hideDownload ? picture : html`<a href="${downloadHref(frame, names)}" download>${picture}</a>`}</figure>${steps}`;
}
