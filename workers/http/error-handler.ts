import type { Context, ErrorHandler, NotFoundHandler } from "hono";
import { HTTPException } from "hono/http-exception";
import { davErrorResponse } from "../dav/errors";
import { ocsFailure } from "../ocs/envelope";
import type { AppEnv } from "./app-env";
import { ApiError, errorBody, notFound } from "./errors";

const isDav = (path: string) => path.startsWith("/remote.php") || path.startsWith("/public.php");
const isOcs = (path: string) => path.startsWith("/ocs/");

/** Hono's own 400s (malformed JSON or form) become ours, with the same message. */
function normalise(error: unknown): unknown {
  if (error instanceof HTTPException && !(error instanceof ApiError)) {
    return new ApiError(error.status === 401 ? 401 : 400, error.status === 401 ? "unauthorized" : "bad_request", error.message || "Bad request");
  }
  return error;
}

/** The one place errors become responses, in the format the caller speaks: DAV XML, OCS, or JSON. */
export const handleError: ErrorHandler<AppEnv> = (raw, c) => {
  const error = normalise(raw);
  const path = c.req.path;
  if (!(error instanceof ApiError)) console.error(`[core] ${c.req.method} ${path} failed`, error);
  if (isDav(path)) return davErrorResponse(error);
  if (isOcs(path)) return ocsFailure(c, error);
  if (error instanceof ApiError) {
    return c.json(errorBody(error.code, error.message), error.status, error.headers);
  }
  return c.json(errorBody("internal_error", "Something went wrong on the server"), 500);
};

export const handleNotFound: NotFoundHandler<AppEnv> = (c: Context<AppEnv>) => handleError(notFound(), c) as Response;
