import { beforeAll, describe, expect, it } from "vitest";
import { fileComments } from "../../schema/file-lifecycle";
import { createUser, findUser } from "../../workers/accounts/users";
import { call, db, STRONG_PASSWORD } from "../support/accounts";

const ZOE: [string, string] = ["comments-rest-zoe", STRONG_PASSWORD];
const YVES: [string, string] = ["comments-rest-yves", STRONG_PASSWORD];

interface Comment {
  id: number;
  message: string;
  actorId: string;
  isUnread: boolean;
}

async function upload(who: [string, string], name: string): Promise<number> {
  const path = `/remote.php/dav/files/${who[0]}/${name}`;
  expect((await call(path, { method: "PUT", auth: who, body: "contenu" })).status).toBeLessThan(300);
  const res = await call(path, { method: "PROPFIND", auth: who, headers: { Depth: "0" }, body: `<d:propfind xmlns:d="DAV:" xmlns:oc="http://owncloud.org/ns"><d:prop><oc:fileid/></d:prop></d:propfind>` });
  return Number(/<oc:fileid>(\d+)<\/oc:fileid>/.exec(await res.text())![1]);
}

const json = (path: string, who: [string, string], method = "GET", body?: unknown) =>
  call(path, { method, auth: who, headers: { "Content-Type": "application/json" }, body: body === undefined ? undefined : JSON.stringify(body) });

describe("file comments over the JSON API", () => {
  let fileId: number;
  let yvesFile: number;
  beforeAll(async () => {
    for (const [id] of [ZOE, YVES]) if (!(await findUser(db(), id))) await createUser(db(), { id, password: STRONG_PASSWORD });
    fileId = await upload(ZOE, "notes.md");
    yvesFile = await upload(YVES, "a-lui.md");
  });

  it("posts, lists with limit and offset, edits, marks read and deletes", async () => {
    for (const message of ["a", "b", "c"]) expect((await json(`/api/comments/${fileId}`, ZOE, "POST", { message })).status).toBe(201);
    const page = (await (await json(`/api/comments/${fileId}?limit=2&offset=1`, ZOE)).json()) as { comments: Comment[] };
    expect(page.comments.map((c) => c.message)).toEqual(["b", "a"]);
    const all = (await (await json(`/api/comments/${fileId}`, ZOE)).json()) as { comments: Comment[] };
    expect(all.comments.every((c) => c.isUnread)).toBe(true);
    const newest = all.comments[0]!;

    const edited = await json(`/api/comments/${fileId}/${newest.id}`, ZOE, "PATCH", { message: "c modifié" });
    expect(edited.status).toBe(200);
    expect(((await edited.json()) as { comment: Comment }).comment.message).toBe("c modifié");
    // The DAV view shows the same comment: one service behind both.
    const report = await call(`/remote.php/dav/comments/files/${fileId}`, {
      method: "REPORT",
      auth: ZOE,
      body: `<oc:filter-comments xmlns:oc="http://owncloud.org/ns"><oc:limit>1</oc:limit></oc:filter-comments>`,
    });
    expect(await report.text()).toContain("<oc:message>c modifié</oc:message>");

    expect((await json(`/api/comments/${fileId}/read`, ZOE, "POST")).status).toBe(204);
    const read = (await (await json(`/api/comments/${fileId}`, ZOE)).json()) as { comments: Comment[] };
    expect(read.comments.some((c) => c.isUnread)).toBe(false);

    expect((await json(`/api/comments/${fileId}/${newest.id}`, ZOE, "DELETE")).status).toBe(204);
    expect((await json(`/api/comments/${fileId}/${newest.id}`, ZOE, "DELETE")).status).toBe(404);
  });

  it("records a comment_added activity in the file owner's stream", async () => {
    const commented = await upload(ZOE, "activite.md");
    expect((await json(`/api/comments/${commented}`, ZOE, "POST", { message: "vu" })).status).toBe(201);
    const stream = (await (await json(`/api/activity?fileId=${commented}`, ZOE)).json()) as { activities: { type: string; actorId: string; path: string }[] };
    expect(stream.activities[0]).toMatchObject({ type: "comment_added", actorId: ZOE[0], path: "/activite.md" });
  });

  it("keeps other people's comments theirs (403) and other people's files hidden (404)", async () => {
    const [row] = await db().insert(fileComments).values({ nodeId: fileId, actorId: YVES[0], message: "d'yves" }).returning();
    expect((await json(`/api/comments/${fileId}/${row!.id}`, ZOE, "PATCH", { message: "non" })).status).toBe(403);
    expect((await json(`/api/comments/${fileId}/${row!.id}`, ZOE, "DELETE")).status).toBe(403);
    expect((await json(`/api/comments/${yvesFile}`, ZOE)).status).toBe(404);
    expect((await json(`/api/comments/${yvesFile}`, ZOE, "POST", { message: "intrus" })).status).toBe(404);
    expect((await json(`/api/comments/${yvesFile}/read`, ZOE, "POST")).status).toBe(404);
  });

  it("answers bad input with a JSON 400", async () => {
    const broken = await call(`/api/comments/${fileId}`, { method: "POST", auth: ZOE, headers: { "Content-Type": "application/json" }, body: "{" });
    expect(broken.status).toBe(400);
    expect(((await broken.json()) as { error: { code: string; message: string } }).error.message).toBeTruthy();
    expect((await json(`/api/comments/${fileId}`, ZOE, "POST", { message: "" })).status).toBe(400);
    expect((await json(`/api/comments/${fileId}`, ZOE, "POST", { message: "x".repeat(1001) })).status).toBe(400);
    expect((await json(`/api/comments/${fileId}`, ZOE, "POST", { message: "ok", extra: 1 })).status).toBe(400);
    expect((await json(`/api/comments/${fileId}?limit=0`, ZOE)).status).toBe(400);
    expect((await json(`/api/comments/${fileId}?limit=abc`, ZOE)).status).toBe(400);
    expect((await call(`/api/comments/${fileId}`)).status).toBe(401);
  });
});
