import { html } from "hono/html";
import type { HtmlEscapedString } from "hono/utils/html";

export type Lang = "fr" | "en";

export function pickLanguage(acceptLanguage: string | undefined): Lang {
  const first = (acceptLanguage ?? "").split(",")[0]?.trim().toLowerCase() ?? "";
  return first.startsWith("en") ? "en" : "fr";
}

const TEXT = {
  fr: {
    title: "Connecter un appareil",
    intro: "L'application « {client} » demande l'accès à votre compte.",
    login: "Identifiant ou adresse e-mail",
    password: "Mot de passe",
    signIn: "Se connecter",
    grantAs: "Connecté en tant que {user}.",
    grant: "Autoriser l'accès",
    granted: "Accès autorisé. Vous pouvez fermer cette fenêtre et revenir à l'application.",
    expired: "Ce lien de connexion a expiré ou n'existe pas. Recommencez depuis l'application.",
    wrong: "Identifiant ou mot de passe incorrect.",
    tooMany: "Trop de tentatives. Réessayez dans quelques minutes.",
  },
  en: {
    title: "Connect a device",
    intro: "The application “{client}” asks for access to your account.",
    login: "Login or e-mail address",
    password: "Password",
    signIn: "Log in",
    grantAs: "Logged in as {user}.",
    grant: "Grant access",
    granted: "Access granted. You can close this window and return to the application.",
    expired: "This login link has expired or does not exist. Start again from the application.",
    wrong: "Wrong login or password.",
    tooMany: "Too many attempts. Try again in a few minutes.",
  },
} as const;

export type Message = keyof (typeof TEXT)["fr"];

export const t = (lang: Lang, key: Message, vars: Record<string, string> = {}) =>
  TEXT[lang][key].replace(/\{(\w+)\}/g, (_, name: string) => vars[name] ?? "");

function layout(lang: Lang, body: HtmlEscapedString | Promise<HtmlEscapedString>) {
  return html`<!doctype html>
<html lang="${lang}">
<head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1"><title>${t(lang, "title")} – Cumulus</title>
<style>body{font-family:system-ui,sans-serif;background:#0b5cad;margin:0;display:flex;min-height:100vh;align-items:center;justify-content:center}
main{background:#fff;border-radius:12px;padding:2rem;max-width:24rem;width:calc(100% - 3rem);box-shadow:0 4px 24px #0004}
label{display:block;margin:.8rem 0 .3rem}input{width:100%;box-sizing:border-box;padding:.6rem;font-size:1rem}
button{margin-top:1.2rem;width:100%;padding:.7rem;font-size:1rem;background:#0b5cad;color:#fff;border:0;border-radius:6px;cursor:pointer}
.error{color:#b00020}</style></head>
<body><main><h1>${t(lang, "title")}</h1>${body}</main></body></html>`;
}

export function loginPage(lang: Lang, client: string, error?: Message) {
  return layout(
    lang,
    html`<p>${t(lang, "intro", { client })}</p>
${error ? html`<p class="error" role="alert">${t(lang, error)}</p>` : ""}
<form method="post"><input type="hidden" name="action" value="login">
<label for="login">${t(lang, "login")}</label><input id="login" name="login" autocomplete="username" required autofocus>
<label for="password">${t(lang, "password")}</label><input id="password" name="password" type="password" autocomplete="current-password" required>
<button type="submit">${t(lang, "signIn")}</button></form>`,
  );
}

export function grantPage(lang: Lang, client: string, user: string, csrfToken: string) {
  return layout(
    lang,
    html`<p>${t(lang, "intro", { client })}</p><p>${t(lang, "grantAs", { user })}</p>
<form method="post"><input type="hidden" name="action" value="grant"><input type="hidden" name="requesttoken" value="${csrfToken}">
<button type="submit">${t(lang, "grant")}</button></form>`,
  );
}

export function messagePage(lang: Lang, message: Message) {
  return layout(lang, html`<p>${t(lang, message)}</p>`);
}
