import { Hono, type Context } from "hono";
import { createAppPassword } from "../accounts/app-passwords";
import { verifyLogin } from "../accounts/credentials";
import { clientAddress } from "../accounts/login-rate-limit";
import { startBrowserSession } from "../accounts/browser-session";
import { findUser, isPerson } from "../accounts/users";
import type { AppEnv } from "../http/app-env";
import { ApiError } from "../http/errors";
import { PAGE_CSP } from "../http/security-headers";
import { deviceName } from "../ocs/app-password";
import { grantPage, loginPage, messagePage, pickLanguage } from "./page";
import { claimGrantedFlow, findFlowByLoginToken, grantFlow, startFlow } from "./store";

const FLOW_BASE = "/index.php/login/v2";

function page(c: Context<AppEnv>, body: Promise<string> | string, status: 200 | 401 | 404 | 429 = 200) {
  c.header("Content-Security-Policy", PAGE_CSP);
  c.header("Cache-Control", "no-store");
  return c.html(body, status);
}

async function formField(c: Context<AppEnv>, name: string): Promise<string> {
  const value = (await c.req.parseBody())[name];
  return typeof value === "string" ? value : "";
}

const start = async (c: Context<AppEnv>) => {
  const origin = new URL(c.req.url).origin;
  const { pollToken, loginToken } = await startFlow(c.var.db, deviceName(c.req.header("User-Agent")));
  return c.json({ poll: { token: pollToken, endpoint: `${origin}${FLOW_BASE}/poll` }, login: `${origin}${FLOW_BASE}/flow/${loginToken}` });
};

/** Login Flow v2: the desktop and mobile clients' "log in with the browser". */
export const loginFlowRoutes = new Hono<AppEnv>()
  .post(FLOW_BASE, start)
  .post("/login/v2", start)
  .post(`${FLOW_BASE}/poll`, async (c) => {
    const type = c.req.header("Content-Type") ?? "";
    const token = type.includes("application/json")
      ? String(((await c.req.json().catch(() => ({}))) as { token?: unknown }).token ?? "")
      : await formField(c, "token");
    const flow = token ? await claimGrantedFlow(c.var.db, token) : undefined;
    const user = flow?.userId ? await findUser(c.var.db, flow.userId) : undefined;
    if (!flow || !isPerson(user) || !user.enabled) return c.json([], 404);
    const { token: appPassword } = await createAppPassword(c.var.db, user.id, flow.clientName);
    return c.json({ server: new URL(c.req.url).origin, loginName: user.id, appPassword });
  })
  .get(`${FLOW_BASE}/flow/:token`, async (c) => {
    const lang = pickLanguage(c.req.header("Accept-Language"));
    const flow = await findFlowByLoginToken(c.var.db, c.req.param("token"));
    if (!flow) return page(c, messagePage(lang, "expired"), 404);
    const auth = c.var.auth;
    if (auth?.method === "session" && auth.csrfToken) return page(c, grantPage(lang, flow.clientName, auth.user.displayName, auth.csrfToken));
    return page(c, loginPage(lang, flow.clientName));
  })
  .post(`${FLOW_BASE}/flow/:token`, async (c) => {
    const { db, config } = c.var;
    const lang = pickLanguage(c.req.header("Accept-Language"));
    const loginToken = c.req.param("token");
    const flow = await findFlowByLoginToken(db, loginToken);
    if (!flow) return page(c, messagePage(lang, "expired"), 404);
    const action = await formField(c, "action");
    if (action === "grant") {
      // authenticate() has already checked the form's CSRF token against the session.
      if (c.var.auth?.method !== "session") return page(c, loginPage(lang, flow.clientName), 401);
      await grantFlow(db, loginToken, c.var.auth.user.id);
      return page(c, messagePage(lang, "granted"));
    }
    try {
      const { user } = await verifyLogin(db, config.login, await formField(c, "login"), await formField(c, "password"), clientAddress(c.req.raw.headers), {
        allowAppPassword: false,
      });
      await startBrowserSession(c, user.id);
      return c.redirect(`${FLOW_BASE}/flow/${loginToken}`, 303);
    } catch (error) {
      if (error instanceof ApiError && (error.status === 401 || error.status === 429)) {
        return page(c, loginPage(lang, flow.clientName, error.status === 429 ? "tooMany" : "wrong"), error.status);
      }
      throw error;
    }
  });

