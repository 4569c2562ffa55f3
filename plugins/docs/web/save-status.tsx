import { t, type MessageKey } from "../../../web/src/i18n";
import type { DocumentSession } from "./session";

/** What the status line says: saved, saving, offline (edits kept and merged later), or why the link ended. */
export function statusKey(session: DocumentSession): MessageKey {
  switch (session.connection.value) {
    case "connecting":
      return "docs.status.connecting";
    case "offline":
      return "docs.status.offline";
    case "revoked":
      return "docs.status.revoked";
    case "missing":
      return "docs.missing";
    case "online":
      return session.pending.value ? "docs.status.saving" : "docs.status.saved";
  }
}

export function SaveStatus({ session }: { session: DocumentSession }) {
  const key = statusKey(session);
  const state = key === "docs.status.saved" ? "saved" : key === "docs.status.saving" || key === "docs.status.connecting" ? "busy" : "warning";
  return (
    <p class={`docs-save docs-save-${state}`} role="status" data-state={state}>
      {t(key)}
    </p>
  );
}
