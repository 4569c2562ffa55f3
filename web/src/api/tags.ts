import { apiJson } from "./http";

/** A system tag as /api/tags shows it (workers/tags/service.ts, viewOf). */
export interface Tag {
  id: number;
  name: string;
  userVisible: boolean;
  userAssignable: boolean;
  canAssign: boolean;
}

export const listTags = async () => (await apiJson<{ tags: Tag[] }>("/api/tags")).tags;
