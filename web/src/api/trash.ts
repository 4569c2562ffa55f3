import { apiJson } from "./http";

/** An item of one's trash, as /api/trash lists it (workers/api/trash.ts). */
export interface TrashItem {
  id: number;
  name: string;
  isFolder: boolean;
  size: number;
  mime: string;
  /** Seconds since the epoch. */
  mtime: number;
  /** Where it was, from the owner's root ("/Bureau CA/compte-rendu.docx"). */
  originalPath: string;
  /** Seconds since the epoch. */
  deletedAt: number;
  deletedBy: string | null;
}

export const listTrash = async () => (await apiJson<{ items: TrashItem[] }>("/api/trash")).items;
export const restoreFromTrash = (id: number) => apiJson<{ id: number; name: string; parentId: number }>(`/api/trash/${id}/restore`, { method: "POST" });
export const deleteForever = (id: number) => apiJson<void>(`/api/trash/${id}`, { method: "DELETE" });
export const emptyTrash = () => apiJson<void>("/api/trash", { method: "DELETE" });
