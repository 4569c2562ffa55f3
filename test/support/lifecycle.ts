import { env } from "cloudflare:workers";
import type { Env } from "../../workers/env";
import { systemFileService } from "../../workers/storage/system";
import { personalRoot, walk, type FileNode } from "../../workers/storage/tree";
import { call, db, seedAdmin, STRONG_PASSWORD } from "./accounts";

/** A user of their own for a test file (storage is shared between test files), with WebDAV helpers on their tree. */
export function lifecycleUser(id: string) {
  const auth: [string, string] = [id, STRONG_PASSWORD];
  const files = (path: string, method: string, init: RequestInit = {}) => call(`/remote.php/dav/files/${id}${path}`, { auth, ...init, method });
  return {
    id,
    auth,
    seed: () => seedAdmin(id),
    files,
    put: (path: string, body: string) => files(path, "PUT", { body }),
    mkcol: (path: string) => files(path, "MKCOL"),
    del: (path: string) => files(path, "DELETE"),
    text: async (path: string) => {
      const res = await files(path, "GET");
      return res.status === 200 ? res.text() : null;
    },
    node: async (path: string): Promise<FileNode | undefined> => (await walk(db(), await personalRoot(db(), id), path.split("/").filter(Boolean))).node,
    root: () => personalRoot(db(), id),
    service: () => systemFileService(env as unknown as Env, id),
  };
}

export const r2Has = async (key: string) => (await env.FILES.head(key)) !== null;
