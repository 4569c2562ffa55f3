import { apiJson } from "./http";

/** Nextcloud's limit on a comment's length, which the server enforces too. */
export const MAX_COMMENT_LENGTH = 1000;

export interface FileComment {
  id: number;
  fileId: number;
  actorId: string;
  actorDisplayName: string;
  message: string;
  /** Seconds since the epoch. */
  createdAt: number;
  editedAt: number | null;
  isUnread: boolean;
}

const base = (fileId: number) => `/api/comments/${fileId}`;

export const COMMENTS_PAGE = 50;

/** Newest first, a page at a time. */
export const listComments = async (fileId: number, offset = 0) =>
  (await apiJson<{ comments: FileComment[] }>(`${base(fileId)}?limit=${COMMENTS_PAGE}&offset=${offset}`)).comments;

export const postComment = async (fileId: number, message: string) =>
  (await apiJson<{ comment: FileComment }>(base(fileId), { method: "POST", json: { message } })).comment;

export const editComment = async (fileId: number, commentId: number, message: string) =>
  (await apiJson<{ comment: FileComment }>(`${base(fileId)}/${commentId}`, { method: "PATCH", json: { message } })).comment;

export const deleteComment = (fileId: number, commentId: number) => apiJson<void>(`${base(fileId)}/${commentId}`, { method: "DELETE" });

/** Everything on the file counts as read from now on. */
export const markCommentsRead = (fileId: number) => apiJson<void>(`${base(fileId)}/read`, { method: "POST" });
