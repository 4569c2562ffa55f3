import { computed, signal } from "@preact/signals";
import { editUser, fetchCloudUser, type CloudUser } from "../api/account";
import * as auth from "../api/auth";
import { onUnauthorized, setCsrfToken } from "../api/http";
import { listPlugins, type PluginInfo } from "../api/plugins";
import { chooseLanguage, isLanguage, type Language } from "../i18n";
import { navigate, path, search } from "../router";

/** undefined while the first /api/auth/me is under way; null when nobody is logged in. */
export const me = signal<auth.Me | null | undefined>(undefined);
/** The same account as OCS sees it: quota and the groups one administers. */
export const account = signal<CloudUser | null>(null);
export const plugins = signal<PluginInfo[]>([]);

export const isInstanceAdmin = computed(() => me.value?.isAdmin === true);
/** Instance admins, and org admins (sub-admins of their organisation's group). */
export const canAdminister = computed(() => isInstanceAdmin.value || (account.value?.subadmin.length ?? 0) > 0);

export function loginPath(next = path.value + search.value): string {
  return next && next !== "/" && !next.startsWith("/login") ? `/login?next=${encodeURIComponent(next)}` : "/login";
}

/** Only a path of this site: `next` comes from the address bar and must not send anyone elsewhere. */
export function pathAfterLogin(): string {
  const next = new URLSearchParams(search.value).get("next") ?? "";
  return next.startsWith("/") && !next.startsWith("//") && !next.startsWith("/\\") && !next.startsWith("/login") ? next : "/files";
}

function signedOut(): void {
  setCsrfToken(null);
  me.value = null;
  account.value = null;
  plugins.value = [];
}

onUnauthorized(() => {
  if (!me.value) return;
  signedOut();
  navigate(loginPath(), { replace: true });
});

/** Account and plugins load side by side; a failure of either leaves the rest of the app usable. */
export async function refreshAccount(): Promise<void> {
  const [cloudUser, pluginList] = await Promise.allSettled([fetchCloudUser(), listPlugins()]);
  if (cloudUser.status === "fulfilled") account.value = cloudUser.value;
  if (pluginList.status === "fulfilled") plugins.value = pluginList.value;
}

export async function loadSession(): Promise<void> {
  const current = await auth.fetchMe();
  if (!current) return signedOut();
  setCsrfToken(current.csrfToken);
  me.value = current.user;
  // The account's language wins over this browser's, so that it follows the person from device to device.
  if (isLanguage(current.user.language)) chooseLanguage(current.user.language);
  await refreshAccount();
}

export async function signIn(login: string, password: string): Promise<void> {
  const { csrfToken } = await auth.login(login, password);
  setCsrfToken(csrfToken);
  await loadSession();
}

export async function signOut(): Promise<void> {
  try {
    await auth.logout();
  } finally {
    signedOut();
    navigate("/login", { replace: true });
  }
}

/** Changes the language now, and in the account when someone is logged in. */
export async function switchLanguage(next: Language): Promise<void> {
  chooseLanguage(next);
  const user = me.value;
  if (!user) return;
  await editUser(user.id, "language", next);
  me.value = { ...user, language: next };
}

export function patchMe(changes: Partial<auth.Me>): void {
  if (me.value) me.value = { ...me.value, ...changes };
}

