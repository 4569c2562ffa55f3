import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * The one error type of the JSON API. Anything thrown that is not an ApiError becomes a 500
 * whose details stay in the log, never in the response.
 */
export class ApiError extends Error {
  constructor(
    readonly status: ContentfulStatusCode,
    readonly code: string,
    message: string,
    readonly headers: Record<string, string> = {},
  ) {
    super(message);
  }
}

export const badRequest = (message: string, code = "bad_request") => new ApiError(400, code, message);
export const unauthorized = (message = "Authentication required") => new ApiError(401, "unauthorized", message);
export const forbidden = (message = "You are not allowed to do this") => new ApiError(403, "forbidden", message);
/** Also used for what the caller may not see, so that a refusal never reveals that a thing exists. */
export const notFound = (message = "Not found") => new ApiError(404, "not_found", message);
export const conflict = (message: string, code = "conflict") => new ApiError(409, code, message);
export const tooManyRequests = (retryAfterSeconds: number) =>
  new ApiError(429, "too_many_requests", "Too many failed attempts; try again later", {
    "Retry-After": String(retryAfterSeconds),
  });

export function errorBody(code: string, message: string) {
  return { error: { code, message } };
}
