import { exports } from "cloudflare:workers";
import { eq } from "drizzle-orm";
import { beforeAll, describe, expect, it } from "vitest";
import { shares } from "../../schema/core";
import { hashPassword } from "../../workers/accounts/password-hash";
import { basic, call, db } from "../support/accounts";
import { bodyText, hrefsOf, linkOwner, linkPage, linkProofCookie, publicDav, submitLinkPassword } from "./link-support";

const prof = linkOwner("prof-mdp");
const PASSWORD = "Sortie-2024!";

describe("a password-protected link", () => {
  let token: string;
  let shareId: number;
  beforeAll(async () => {
    await prof.seed();
    await prof.mkcol("/Bulletins");
    await prof.put("/Bulletins/bulletin-T1.pdf", "notes du trimestre");
    const link = await prof.link("/Bulletins", { password: PASSWORD });
    token = link.token;
    shareId = link.id;
  });

  it("shows only the password form until the password is given", async () => {
    const res = await linkPage(token);
    expect(res.status).toBe(200);
    const body = await res.text();
    expect(body).toContain(`action="/s/${token}/authenticate"`);
    expect(body).toContain('name="password"');
    expect(body).not.toContain("bulletin-T1.pdf");
    expect((await linkPage(token, "/download?path=%2Fbulletin-T1.pdf")).status).toBe(303);
  });

  it("answers a wrong password with the form again and a 403", async () => {
    const res = await submitLinkPassword(token, "mauvais");
    expect(res.status).toBe(403);
    expect(await res.text()).toContain("Mot de passe incorrect");
    expect(res.headers.getAll("Set-Cookie")).toEqual([]);
  });

  it("sets an HttpOnly, SameSite=Lax cookie scoped to the link after the right one", async () => {
    const res = await submitLinkPassword(token, PASSWORD);
    expect(res.status).toBe(303);
    expect(res.headers.get("Location")).toBe(`/s/${token}`);
    const cookies = res.headers.getAll("Set-Cookie");
    expect(cookies).toHaveLength(2);
    for (const cookie of cookies) {
      expect(cookie).toContain("HttpOnly");
      expect(cookie).toContain("SameSite=Lax");
      expect(cookie).not.toContain("Secure");
    }
    expect(cookies.some((c) => c.includes(`Path=/s/${token}`))).toBe(true);
    expect(cookies.some((c) => c.includes(`Path=/public.php/dav/files/${token}`))).toBe(true);
    const cookie = linkProofCookie(res);
    const page = await linkPage(token, "", { headers: { Cookie: cookie } });
    expect(await page.text()).toContain("bulletin-T1.pdf");
    const download = await linkPage(token, "/download?path=%2Fbulletin-T1.pdf", { headers: { Cookie: cookie } });
    expect(download.status).toBe(200);
    expect(await bodyText(download)).toBe("notes du trimestre");
    // The same proof opens the link's WebDAV door (the drop page's uploads go there).
    expect((await publicDav(token, "PROPFIND", "/", { headers: { Depth: "1", Cookie: cookie } })).status).toBe(207);
  });

  it("marks the cookie Secure over https", async () => {
    const res = await exports.default.fetch(
      new Request(`https://cumulus.test/s/${token}/authenticate`, { method: "POST", headers: { "Content-Type": "application/x-www-form-urlencoded" }, body: new URLSearchParams({ password: PASSWORD }), redirect: "manual" }),
    );
    expect(res.status).toBe(303);
    for (const cookie of res.headers.getAll("Set-Cookie")) expect(cookie).toContain("Secure");
  });

  it("does not open another link with the cookie, and a new password logs everyone out", async () => {
    const cookie = linkProofCookie(await submitLinkPassword(token, PASSWORD));
    const other = await prof.link("/Bulletins", { password: PASSWORD });
    const forged = cookie.replace(/^[^=]+=/, "cumulus_link=");
    expect(await (await linkPage(other.token, "", { headers: { Cookie: forged } })).text()).not.toContain("bulletin-T1.pdf");
    await db().update(shares).set({ passwordHash: await hashPassword("Nouveau-2025!") }).where(eq(shares.id, shareId));
    expect(await (await linkPage(token, "", { headers: { Cookie: cookie } })).text()).not.toContain("bulletin-T1.pdf");
    await db().update(shares).set({ passwordHash: await hashPassword(PASSWORD) }).where(eq(shares.id, shareId));
  });

  it("asks WebDAV clients for the password as Basic auth", async () => {
    const none = await publicDav(token, "PROPFIND", "/", { headers: { Depth: "1" } });
    expect(none.status).toBe(401);
    expect(none.headers.get("WWW-Authenticate")).toMatch(/^Basic realm=/);
    expect((await publicDav(token, "PROPFIND", "/", { headers: { Depth: "1", Authorization: basic("anonymous", "faux") } })).status).toBe(401);
    const ok = await publicDav(token, "PROPFIND", "/", { headers: { Depth: "1", Authorization: basic("anonymous", PASSWORD) } });
    expect(ok.status).toBe(207);
    expect(hrefsOf(await ok.text())).toContain(`/public.php/dav/files/${token}/bulletin-T1.pdf`);
    const legacy = await call("/public.php/webdav/bulletin-T1.pdf", { headers: { Authorization: basic(token, PASSWORD) } });
    expect(await bodyText(legacy)).toBe("notes du trimestre");
    expect((await call("/public.php/webdav/bulletin-T1.pdf", { headers: { Authorization: basic(token, "") } })).status).toBe(401);
  });

  it("refuses with 429 and Retry-After after too many failures from one address, even the right password", async () => {
    const link = await prof.link("/Bulletins", { password: PASSWORD });
    const from = { "CF-Connecting-IP": "203.0.113.7" };
    for (let i = 0; i < 10; i++) expect((await submitLinkPassword(link.token, `essai-${i}`, from)).status).toBe(403);
    const blocked = await submitLinkPassword(link.token, PASSWORD, from);
    expect(blocked.status).toBe(429);
    expect(Number(blocked.headers.get("Retry-After"))).toBeGreaterThan(0);
    expect(await blocked.text()).toContain("Trop de tentatives");
    const dav = await publicDav(link.token, "PROPFIND", "/", { headers: { Depth: "0", Authorization: basic("x", PASSWORD), ...from } });
    expect(dav.status).toBe(429);
    // Another pupil, elsewhere, still gets in.
    expect((await submitLinkPassword(link.token, PASSWORD, { "CF-Connecting-IP": "198.51.100.2" })).status).toBe(303);
  });
});
