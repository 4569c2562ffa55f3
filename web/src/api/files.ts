import { ApiFailure, apiJson, request } from "./http";

/** A file or folder as /api/files answers it (workers/files-api/node-json.ts). */
export interface FileNode {
  id: number;
  name: string;
  /** From the asker's root, with a leading slash ("/" for the root). */
  path: string;
  isFolder: boolean;
  size: number;
  mime: string;
  etag: string;
  /** Seconds since the epoch. */
  mtime: number;
  favorite: boolean;
  /** Nextcloud's letters: S shared with me, R reshare, M mounted, G read, D delete, N rename, V move, W write, C/K create. */
  permissions: string;
}

export interface FolderDetails {
  node: FileNode;
  children: FileNode[];
  /** The folder's Readme.md (the "rich workspace" note), cut at 64 KiB by the server. */
  readme: { id: number; text: string } | null;
}

/** What the asker may do with a node, read from its letters. */
export const can = {
  read: (n: FileNode) => n.permissions.includes("G"),
  delete: (n: FileNode) => n.permissions.includes("D"),
  rename: (n: FileNode) => n.permissions.includes("N"),
  move: (n: FileNode) => n.permissions.includes("V"),
  write: (n: FileNode) => n.permissions.includes("W"),
  create: (n: FileNode) => n.permissions.includes("C") || n.permissions.includes("K"),
  reshare: (n: FileNode) => n.permissions.includes("R"),
};

/** Received from someone else (S), or a space or share mounted in one's root (M). */
export const isSharedWithMe = (n: FileNode) => n.permissions.includes("S");
export const isMounted = (n: FileNode) => n.permissions.includes("M");

const base = "/api/files";

export const folderAt = (path: string) =>
  path === "/" || path === "" ? apiJson<FolderDetails>(`${base}/root`) : apiJson<FolderDetails>(`${base}/by-path?${new URLSearchParams({ path })}`);

export const nodeDetails = (id: number) => apiJson<FolderDetails | { node: FileNode }>(`${base}/${id}`);

export const createFolder = async (parentId: number, name: string) =>
  (await apiJson<{ node: FileNode }>(`${base}/${parentId}/folders`, { method: "POST", json: { name } })).node;

export const renameNode = async (id: number, name: string) => (await apiJson<{ node: FileNode }>(`${base}/${id}`, { method: "PATCH", json: { name } })).node;

export const moveNode = async (id: number, parentId: number, name?: string) =>
  (await apiJson<{ node: FileNode }>(`${base}/${id}`, { method: "PATCH", json: { parentId, ...(name === undefined ? {} : { name }) } })).node;

export const copyNode = async (id: number, parentId: number, name?: string) =>
  (await apiJson<{ node: FileNode }>(`${base}/${id}/copy`, { method: "POST", json: { parentId, ...(name === undefined ? {} : { name }) } })).node;

/** To the trash; a received share's mount is only removed from the asker's files. */
export const deleteNode = (id: number) => apiJson<void>(`${base}/${id}`, { method: "DELETE" });

export const setFavorite = (id: number, favorite: boolean) => apiJson<void>(`${base}/${id}/favorite`, { method: favorite ? "PUT" : "DELETE" });

/** Creates or replaces a file of a folder with these bytes. */
export const writeFile = async (folderId: number, name: string, body: BodyInit) =>
  (await apiJson<{ node: FileNode }>(`${base}/${folderId}/content?${new URLSearchParams({ name })}`, { method: "PUT", body })).node;

/** The file's bytes; `inline` asks to show it in the browser, which the server grants only to types safe there. */
export const contentUrl = (id: number, inline = false) => `${base}/${id}/content${inline ? "?inline=1" : ""}`;

/** A folder as a zip archive; with `ids`, only those of its members. */
export const zipUrl = (id: number, ids?: readonly number[]) => `${base}/${id}/zip${ids?.length ? `?ids=${ids.join(",")}` : ""}`;

export const downloadUrl = (node: FileNode) => (node.isFolder ? zipUrl(node.id) : contentUrl(node.id));

export async function readText(id: number): Promise<string> {
  const response = await request(contentUrl(id));
  if (!response.ok) throw new ApiFailure(response.status, String(response.status), response.statusText);
  return response.text();
}

export const recentFiles = async () => (await apiJson<{ files: FileNode[] }>(`${base}/recent`)).files;
export const favoriteFiles = async () => (await apiJson<{ files: FileNode[] }>(`${base}/favorites`)).files;
export const taggedFiles = async (tagId: number) => (await apiJson<{ files: FileNode[] }>(`${base}/tagged/${tagId}`)).files;

/** The folder holding a path ("/" for the root's children). */
export function parentPath(path: string): string {
  const cut = path.lastIndexOf("/");
  return cut <= 0 ? "/" : path.slice(0, cut);
}
