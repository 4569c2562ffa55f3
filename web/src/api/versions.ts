import { apiJson } from "./http";

/** A previous content of a file (/api/versions). */
export interface FileVersion {
  id: number;
  size: number;
  /** Seconds since the epoch: when that content was written. */
  mtime: number;
  etag: string;
  author: string | null;
  label: string | null;
  /** Seconds since the epoch: when it was superseded. */
  createdAt: number;
}

/** Newest first. */
export const listVersions = async (fileId: number) => (await apiJson<{ versions: FileVersion[] }>(`/api/versions/${fileId}`)).versions;

export const versionContentUrl = (fileId: number, versionId: number) => `/api/versions/${fileId}/${versionId}/content`;

export const labelVersion = (fileId: number, versionId: number, label: string | null) =>
  apiJson<FileVersion>(`/api/versions/${fileId}/${versionId}`, { method: "PATCH", json: { label } });

export const restoreVersion = (fileId: number, versionId: number) =>
  apiJson<{ id: number; etag: string; size: number; mtime: number }>(`/api/versions/${fileId}/${versionId}/restore`, { method: "POST" });
