/** A refused or failed request; `code` is the API's error code or the OCS status code. */
export class ApiFailure extends Error {
  constructor(
    readonly status: number,
    readonly code: string | number,
    message: string,
  ) {
    super(message);
  }
}

export type FormFields = Record<string, string | readonly string[]>;

export interface RequestOptions {
  method?: "GET" | "POST" | "PUT" | "PATCH" | "DELETE";
  json?: unknown;
  /** Sent form-encoded, lists as `key[]=…` the way Nextcloud's clients send them. */
  form?: FormFields;
  /** Raw bytes or text, sent as they are (a file's content). */
  body?: BodyInit;
  headers?: Record<string, string>;
  /** For the calls whose 401 is an answer (login, the first /me) rather than an expired session. */
  expect401?: boolean;
}

let csrfToken: string | null = null;
let unauthorizedHandler: () => void = () => {};

/** The session's token, echoed in `requesttoken` on every cookie-authenticated write. */
export function setCsrfToken(token: string | null): void {
  csrfToken = token;
}

/** Called when the server no longer knows the session, wherever in the app that shows up. */
export function onUnauthorized(handler: () => void): void {
  unauthorizedHandler = handler;
}

/**
 * For requests made without request(): an upload's XMLHttpRequest, whose progress fetch cannot report.
 * They echo the same token and report a lost session the same way.
 */
export const currentCsrfToken = (): string | null => csrfToken;
export const reportUnauthorized = (): void => unauthorizedHandler();

function encodeForm(fields: FormFields): URLSearchParams {
  const params = new URLSearchParams();
  for (const [key, value] of Object.entries(fields)) {
    if (typeof value === "string") params.append(key, value);
    else for (const item of value) params.append(`${key}[]`, item);
  }
  return params;
}

export async function request(path: string, options: RequestOptions = {}): Promise<Response> {
  const method = options.method ?? "GET";
  const headers = new Headers(options.headers);
  let body: BodyInit | undefined;
  if (options.json !== undefined) {
    headers.set("Content-Type", "application/json");
    body = JSON.stringify(options.json);
  } else if (options.form) {
    body = encodeForm(options.form);
  } else if (options.body !== undefined) {
    body = options.body;
  }
  if (method !== "GET" && csrfToken) headers.set("requesttoken", csrfToken);
  const response = await fetch(path, { method, headers, body, credentials: "same-origin" });
  if (response.status === 401 && !options.expect401) unauthorizedHandler();
  return response;
}

async function failureOf(response: Response): Promise<ApiFailure> {
  const body = (await response.json().catch(() => null)) as { error?: { code?: string; message?: string } } | null;
  return new ApiFailure(response.status, body?.error?.code ?? String(response.status), body?.error?.message ?? response.statusText);
}

/** The JSON API (/api/…): its errors are `{error: {code, message}}`. */
export async function apiJson<T>(path: string, options: RequestOptions = {}): Promise<T> {
  const response = await request(path, options);
  if (!response.ok) throw await failureOf(response);
  if (response.status === 204) return undefined as T;
  return (await response.json()) as T;
}
