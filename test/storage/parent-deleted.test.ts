import { env } from "cloudflare:workers";
import { beforeAll, describe, expect, it } from "vitest";
import type { Env } from "../../workers/env";
import { ApiError } from "../../workers/http/errors";
import { systemFileService } from "../../workers/storage/system";
import { personalRoot, walk, type FileNode } from "../../workers/storage/tree";
import { db, seedAdmin } from "../support/accounts";
import { dav } from "../support/dav";

/** Another client job deleted the folder after this one looked it up: the race a sync client makes with 6 jobs. */
async function staleFolder(name: string): Promise<FileNode> {
  await dav("MKCOL", `/${name}`);
  const { node } = await walk(db(), await personalRoot(db(), "admin"), [name]);
  await dav("DELETE", `/${name}`);
  return node!;
}

async function statusOf(work: Promise<unknown>): Promise<number> {
  try {
    await work;
    return 200;
  } catch (error) {
    if (error instanceof ApiError) return error.status;
    throw error;
  }
}

const blobCount = async () => (await env.FILES.list({ prefix: "blobs/" })).objects.length;

describe("a change inside a folder deleted meanwhile", () => {
  const files = () => systemFileService(env as unknown as Env, "admin");
  beforeAll(async () => {
    await seedAdmin();
  });

  it("answers 409 to an upload and leaves no bytes behind in R2", async () => {
    const gone = await staleFolder("supprime-1");
    const before = await blobCount();
    const body = new Blob(["contenu orphelin"]).stream();
    expect(await statusOf(files().write({ parent: gone, name: "f.txt", body, length: 16 }))).toBe(409);
    expect(await blobCount()).toBe(before);
  });

  it("answers 409 to a new folder", async () => {
    const gone = await staleFolder("supprime-2");
    expect(await statusOf(files().createFolder(gone, "sous"))).toBe(409);
  });

  it("answers 409 to a move into it, and the file stays where it was", async () => {
    await dav("PUT", "/reste.txt", { body: "reste" });
    const gone = await staleFolder("supprime-3");
    const { node } = await walk(db(), await personalRoot(db(), "admin"), ["reste.txt"]);
    expect(await statusOf(files().move(node!, gone, "reste.txt", true))).toBe(409);
    expect(await (await dav("GET", "/reste.txt")).text()).toBe("reste");
    expect((await personalRoot(db(), "admin")).size).toBe(5);
  });
});
