import { apiJson, request } from "./http";

export interface Me {
  id: string;
  displayName: string;
  email: string | null;
  isAdmin: boolean;
  orgId: string | null;
  language: string | null;
}

export type PasswordRule = "upper" | "lower" | "digit" | "special";
export interface PasswordPolicy {
  minLength: number;
  require: PasswordRule[];
}

/** null when nobody is logged in. */
export async function fetchMe(): Promise<{ user: Me; csrfToken: string | null } | null> {
  const response = await request("/api/auth/me", { expect401: true });
  if (response.status === 401) return null;
  if (!response.ok) throw new Error(`GET /api/auth/me: ${response.status}`);
  return (await response.json()) as { user: Me; csrfToken: string | null };
}

export const login = (login: string, password: string) =>
  apiJson<{ user: { id: string; displayName: string }; csrfToken: string }>("/api/auth/login", { method: "POST", json: { login, password }, expect401: true });

export const logout = () => apiJson<void>("/api/auth/logout", { method: "POST", expect401: true });

export const fetchPasswordPolicy = () => apiJson<PasswordPolicy>("/api/auth/password-policy");
