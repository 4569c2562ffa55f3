import { beforeAll, describe, expect, it } from "vitest";
import { call } from "../support/accounts";
import { bodyText, linkOwner, linkPage, publicDav } from "./link-support";

const prof = linkOwner("prof-telechargement");

interface Activity {
  type: string;
  path: string;
  actorId: string | null;
  fileId: number;
}

async function downloadsSeen(): Promise<Activity[]> {
  const res = await call("/api/activity", { auth: prof.auth });
  return ((await res.json()) as { activities: Activity[] }).activities.filter((a) => a.type === "public_link_downloaded");
}

describe("downloading through a public link", () => {
  let file: string;
  let folder: string;
  beforeAll(async () => {
    await prof.seed();
    await prof.mkcol("/AG 2024");
    await prof.mkcol("/AG 2024/Annexes");
    await prof.put("/AG 2024/210831-reunionCA.docx", "compte rendu du CA");
    await prof.put("/AG 2024/Annexes/budget.pdf", "budget prévisionnel");
    file = (await prof.link("/AG 2024/210831-reunionCA.docx")).token;
    folder = (await prof.link("/AG 2024")).token;
  });

  it("streams a file link's file as an attachment, with ranges", async () => {
    const res = await linkPage(file, "/download");
    expect(res.status).toBe(200);
    expect(res.headers.get("Content-Disposition")).toBe("attachment; filename*=UTF-8''210831-reunionCA.docx");
    expect(res.headers.get("Content-Length")).toBe("18");
    expect(await bodyText(res)).toBe("compte rendu du CA");
    const part = await linkPage(file, "/download", { headers: { Range: "bytes=0-6" } });
    expect(part.status).toBe(206);
    expect(await bodyText(part)).toBe("compte ");
  });

  it("takes ?path= in a folder link, and answers a zip for a folder, 404 for nothing, 400 for ..", async () => {
    const res = await linkPage(folder, `/download?path=${encodeURIComponent("/Annexes/budget.pdf")}`);
    expect(res.status).toBe(200);
    expect(await bodyText(res)).toBe("budget prévisionnel");
    const zip = await linkPage(folder, `/download?path=${encodeURIComponent("/Annexes")}`);
    expect(zip.headers.get("Content-Type")).toBe("application/zip");
    await zip.arrayBuffer();
    expect((await linkPage(folder, `/download?path=${encodeURIComponent("/absent.pdf")}`)).status).toBe(404);
    expect((await linkPage(folder, `/download?path=${encodeURIComponent("/../AG 2024/Annexes/budget.pdf")}`)).status).toBe(400);
  });

  it("records each download in the initiator's stream", async () => {
    const before = (await downloadsSeen()).length;
    const head = await linkPage(folder, `/download?path=${encodeURIComponent("/Annexes/budget.pdf")}`, { method: "HEAD" });
    expect(head.headers.get("Content-Length")).toBe("20");
    await bodyText(await linkPage(folder, `/download?path=${encodeURIComponent("/Annexes/budget.pdf")}`));
    await bodyText(await publicDav(folder, "GET", "/Annexes/budget.pdf"));
    const seen = await downloadsSeen();
    expect(seen.length).toBe(before + 2);
    expect(seen[0]).toMatchObject({ path: "/AG 2024/Annexes/budget.pdf", actorId: null });
  });

  it("refuses downloads (403) when the link hides them, on the page's door and over WebDAV", async () => {
    const hidden = (await prof.link("/AG 2024/210831-reunionCA.docx", { hideDownload: true })).token;
    const page = await (await linkPage(hidden)).text();
    expect(page).toContain("210831-reunionCA.docx");
    expect(page).not.toContain("/download");
    const res = await linkPage(hidden, "/download");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("téléchargement est désactivé");
    expect((await publicDav(hidden, "GET", "")).status).toBe(403);
  });
});
