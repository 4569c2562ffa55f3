import { html, raw } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";
import type { FileNode } from "../../storage/tree";
import { isGalleryImage } from "./gallery-types";
import { galleryGrid, imageView, viewToggle, type FolderView, type ImageNeighbours } from "./link-gallery";
import { downloadHref, encodePath, linkBase, pageHref as folderHref } from "./link-hrefs";
import { formatDate, formatSize, t, type Lang, type Message } from "./link-text";

type Body = HtmlEscapedString | Promise<HtmlEscapedString>;

/** What every page of a link knows: its language, the instance's name, and the link's address. */
export interface PageFrame {
  lang: Lang;
  instanceName: string;
  token: string;
}

const STYLE = `body{font-family:system-ui,sans-serif;margin:0;background:#f4f6f8;color:#1d2d3e}
header{background:#0b5cad;color:#fff;padding:.8rem 1rem;font-weight:600}
main{max-width:48rem;margin:1rem auto;background:#fff;border-radius:10px;padding:1.2rem;box-shadow:0 2px 12px #0002}
@media (max-width:52rem){main{margin:0;border-radius:0;box-shadow:none}}
h1{font-size:1.3rem;margin:.2rem 0 .6rem;overflow-wrap:anywhere}.by{color:#5b6b7b;margin:0 0 1rem}
.note{background:#fff8e1;border-left:4px solid #f1b600;padding:.6rem .8rem;white-space:pre-wrap;overflow-wrap:anywhere}
.button,button{display:inline-block;padding:.7rem 1.2rem;font-size:1rem;background:#0b5cad;color:#fff;border:0;border-radius:6px;text-decoration:none;cursor:pointer}
table{width:100%;border-collapse:collapse}td,th{padding:.5rem .3rem;border-bottom:1px solid #e3e8ee;text-align:left}
td.n{overflow-wrap:anywhere}td.s,td.d{white-space:nowrap;color:#5b6b7b}th.s,th.d{white-space:nowrap}
@media (max-width:36rem){td.d,th.d{display:none}}
.crumbs a,.crumbs span{margin-right:.3rem}.error{color:#b00020}
label{display:block;margin:.8rem 0 .3rem}input[type=password]{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem}
.drop{border:2px dashed #0b5cad;border-radius:10px;padding:1.5rem;text-align:center}.drop input{margin-top:.8rem;max-width:100%}
#uploads{list-style:none;padding:0}#uploads li{display:flex;gap:.5rem;align-items:center;padding:.3rem 0;flex-wrap:wrap}
#uploads span:first-child{flex:1;overflow-wrap:anywhere}progress{width:8rem}
.toggle{margin:.6rem 0}.toggle span{font-weight:600}
.gallery{display:grid;grid-template-columns:repeat(auto-fill,minmax(9rem,1fr));gap:.6rem;list-style:none;padding:0;margin:0 0 1rem}
@media (max-width:36rem){.gallery{grid-template-columns:repeat(2,1fr)}}
.gallery a{display:block;color:inherit;text-decoration:none}.gallery span{display:block;font-size:.85rem;overflow-wrap:anywhere;margin-top:.2rem}
.gallery img{display:block;width:100%;aspect-ratio:1;object-fit:cover;border-radius:6px;background:#e3e8ee}
.photo{margin:0 0 1rem;text-align:center}.photo img{max-width:100%;max-height:75vh;height:auto;border-radius:6px}
.steps{display:flex;justify-content:space-between;gap:1rem;margin:0 0 1rem}`;

function layout(frame: PageFrame, title: string, body: Body, script = false) {
  return html`<!doctype html>
<html lang="${frame.lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><meta name="robots" content="noindex, nofollow">
<title>${title} – ${frame.instanceName}</title><style>${raw(STYLE)}</style></head>
<body><header>${frame.instanceName}</header><main>${body}</main>${script ? html`<script src="${linkBase(frame)}/file-drop.js" defer></script>` : ""}</body></html>`;
}

function heading(frame: PageFrame, name: string, sharedBy: string, note: string) {
  return html`<h1>${name || t(frame.lang, "title")}</h1><p class="by">${t(frame.lang, "sharedBy", { name: sharedBy })}</p>
${note ? html`<p class="note" aria-label="${t(frame.lang, "note")}">${note}</p>` : ""}`;
}

export interface SharedItem {
  name: string;
  sharedBy: string;
  note: string;
  hideDownload: boolean;
}

/** What a file's page shows of the file itself: a picture, a plugin's view of it (a document's text), or nothing. */
export type Shown = HtmlEscapedString | null;

function aboutFile(frame: PageFrame, item: SharedItem, names: readonly string[], file: FileNode) {
  const { lang } = frame;
  return html`<p>${formatSize(lang, file.size)} · ${formatDate(lang, file.mtime)}</p>
${item.hideDownload ? "" : html`<p><a class="button" href="${downloadHref(frame, names)}" download>${t(lang, "download")}</a></p>`}`;
}

export function filePage(frame: PageFrame, item: SharedItem, file: FileNode, shown: Shown = null) {
  return layout(
    frame,
    file.name,
    html`${heading(frame, file.name, item.sharedBy, item.note)}
${isGalleryImage(file) ? imageView(frame, [], file.name, item.hideDownload) : (shown ?? "")}
${aboutFile(frame, item, [], file)}`,
  );
}

/** Where uploads go from a page: the link's DAV door, at the folder shown. */
function uploadForm(frame: PageFrame, names: readonly string[], label: Message, reload: boolean) {
  const dav = `/public.php/dav/files/${encodeURIComponent(frame.token)}${names.length ? `/${encodePath(names)}` : ""}`;
  const { lang } = frame;
  return html`<form id="upload" class="drop" data-dav="${dav}" data-sent="${t(lang, "sent")}" data-failed="${t(lang, "failed")}"${reload ? html` data-reload` : ""}>
<label for="files">${t(lang, label)}</label><input id="files" type="file" multiple></form><ul id="uploads"></ul>`;
}

function crumbsOf(frame: PageFrame, names: readonly string[], up: "parent" | "backToFolder") {
  return names.length
    ? html`<p class="crumbs"><a href="${folderHref(frame, names.slice(0, -1))}">↑ ${t(frame.lang, up)}</a> <span>/ ${names.join(" / ")}</span></p>`
    : "";
}

/**
 * A folder's listing; when it holds pictures, a toggle between their gallery (the default, with the
 * other members listed below it) and the plain list of everything.
 */
export function folderPage(
  frame: PageFrame,
  item: SharedItem,
  names: readonly string[],
  members: readonly FileNode[],
  canUpload: boolean,
  view: FolderView = "gallery",
  hasPage: (member: FileNode) => boolean = () => false,
) {
  const { lang } = frame;
  const title = names.length ? names[names.length - 1]! : item.name;
  const images = members.filter(isGalleryImage);
  const gallery = images.length > 0 && view === "gallery";
  const listed = gallery ? members.filter((m) => !isGalleryImage(m)) : members;
  const rows = listed.map((m) => {
    const path = [...names, m.name];
    const label = m.isFolder
      ? html`<a href="${folderHref(frame, path)}">📁 ${m.name}</a>`
      : hasPage(m)
        ? html`<a href="${folderHref(frame, path)}">${m.name}</a>`
        : item.hideDownload
        ? html`${m.name}`
        : html`<a href="${downloadHref(frame, path)}" download>${m.name}</a>`;
    return html`<tr><td class="n">${label}</td><td class="s">${formatSize(lang, m.size)}</td><td class="d">${formatDate(lang, m.mtime)}</td></tr>`;
  });
  return layout(
    frame,
    title,
    html`${heading(frame, item.name, item.sharedBy, item.note)}${crumbsOf(frame, names, "parent")}
${members.length && !item.hideDownload ? html`<p><a class="button" href="${downloadHref(frame, names)}" download>${t(lang, "downloadAll")}</a></p>` : ""}
${images.length ? viewToggle(frame, names, view) : ""}${gallery ? galleryGrid(frame, names, images) : ""}
${listed.length
  ? html`<table><thead><tr><th>${t(lang, "name")}</th><th class="s">${t(lang, "size")}</th><th class="d">${t(lang, "modified")}</th></tr></thead><tbody>${rows}</tbody></table>`
  : members.length ? "" : html`<p>${t(lang, "empty")}</p>`}
${canUpload ? uploadForm(frame, names, "addFiles", true) : ""}`,
    canUpload,
  );
}

/** A picture of a folder link on its own page, between its neighbours in the folder. */
export function imagePage(frame: PageFrame, item: SharedItem, names: readonly string[], file: FileNode, around: ImageNeighbours) {
  return layout(
    frame,
    file.name,
    html`${heading(frame, item.name, item.sharedBy, item.note)}${crumbsOf(frame, names, "backToFolder")}
${imageView(frame, names, file.name, item.hideDownload, around)}
${aboutFile(frame, item, names, file)}`,
  );
}

/** A file of a folder link that a plugin shows (a document's text), on its own page. */
export function viewedFilePage(frame: PageFrame, item: SharedItem, names: readonly string[], file: FileNode, shown: Shown) {
  return layout(
    frame,
    file.name,
    html`${heading(frame, item.name, item.sharedBy, item.note)}${crumbsOf(frame, names, "backToFolder")}
<h2>${file.name}</h2>${shown ?? ""}
${aboutFile(frame, item, names, file)}`,
  );
}

/** A file drop lists nothing: only who receives the files, the note, and the picker. */
export function dropPage(frame: PageFrame, item: SharedItem) {
  const { lang } = frame;
  return layout(
    frame,
    t(lang, "dropTitle"),
    html`<h1>${t(lang, "dropTitle")}</h1><p class="by">${t(lang, "dropIntro", { name: item.sharedBy })}</p>
${item.note ? html`<p class="note">${item.note}</p>` : ""}${uploadForm(frame, [], "choose", false)}`,
    true,
  );
}

export function passwordPage(frame: PageFrame, error?: Message) {
  const { lang } = frame;
  return layout(
    frame,
    t(lang, "title"),
    html`<h1>${t(lang, "title")}</h1><p>${t(lang, "protected")}</p>
${error ? html`<p class="error" role="alert">${t(lang, error)}</p>` : ""}
<form method="post" action="${linkBase(frame)}/authenticate"><label for="password">${t(lang, "password")}</label>
<input id="password" name="password" type="password" autocomplete="current-password" required autofocus>
<p><button type="submit">${t(lang, "submit")}</button></p></form>`,
  );
}

export function messagePage(frame: PageFrame, title: Message, message: Message) {
  return layout(frame, t(frame.lang, title), html`<h1>${t(frame.lang, title)}</h1><p>${t(frame.lang, message)}</p>`);
}
