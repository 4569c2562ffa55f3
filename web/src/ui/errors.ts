import { ApiFailure } from "../api/http";
import { t, type MessageKey } from "../i18n";

/** OCS status codes whose meaning is the same on every provisioning route. */
const OCS_MESSAGES: Partial<Record<number, MessageKey>> = {
  102: "error.exists",
  107: "error.weakPassword",
};

const API_MESSAGES: Partial<Record<string, MessageKey>> = {
  org_exists: "error.exists",
  weak_password: "error.weakPassword",
  too_many_requests: "error.tooMany",
};

/**
 * The server explains failures in English for logs and scripts; people get a sentence in their language,
 * with the server's words kept in parentheses when nothing better is known, because they name the field.
 */
export function describeError(error: unknown): string {
  if (!(error instanceof ApiFailure)) return t("error.network");
  const known = typeof error.code === "number" ? OCS_MESSAGES[error.code] : API_MESSAGES[error.code];
  if (known) return t(known);
  if (error.status === 403) return t("error.forbidden");
  if (error.status === 429) return t("error.tooMany");
  if (error.status >= 500) return t("error.server");
  return error.message ? t("error.withDetail", { detail: error.message }) : t("error.generic");
}
