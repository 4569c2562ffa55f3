/** The link's web page: where everything a page points to sits. */
export interface LinkFrameRef {
  token: string;
}

export const linkBase = (frame: LinkFrameRef) => `/s/${encodeURIComponent(frame.token)}`;
export const encodePath = (names: readonly string[]) => names.map(encodeURIComponent).join("/");
const pathQuery = (names: readonly string[]) => `path=${encodeURIComponent(`/${names.join("/")}`)}`;

export const downloadHref = (frame: LinkFrameRef, names: readonly string[]) =>
  names.length ? `${linkBase(frame)}/download?${pathQuery(names)}` : `${linkBase(frame)}/download`;

/** A folder's page (or an image's, in a folder link); `view=list` keeps the plain listing. */
export function pageHref(frame: LinkFrameRef, names: readonly string[], view?: "list"): string {
  const query = [...(names.length ? [pathQuery(names)] : []), ...(view ? [`view=${view}`] : [])];
  return query.length ? `${linkBase(frame)}?${query.join("&")}` : linkBase(frame);
}

/** An image shown inline (never a download: allowed even when the link hides downloads). */
export const previewHref = (frame: LinkFrameRef, names: readonly string[]) =>
  names.length ? `${linkBase(frame)}/preview?${pathQuery(names)}` : `${linkBase(frame)}/preview`;

/** One resource of a file that a plugin shows on the link's page (a document's picture), by the plugin's key. */
export const resourceHref = (frame: LinkFrameRef, names: readonly string[], key: string) =>
  `${linkBase(frame)}/resource?${names.length ? `${pathQuery(names)}&` : ""}key=${encodeURIComponent(key)}`;
