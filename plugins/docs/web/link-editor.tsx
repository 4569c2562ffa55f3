import { useEffect, useState } from "preact/hooks";
import { ApiFailure, apiJson } from "../../../web/src/api/http";
import { t } from "../../../web/src/i18n";
import type { PluginLinkEditorProps } from "../../../web/src/plugins/web-entry";
import type { CollabGrant } from "./api";
import { EditorFrame } from "./editor-frame";
import { LinkDialog } from "./link-dialog";
import { MissingFile } from "./page-parts";
import { colourOf, type Presence } from "./presence-user";
import { DocumentSession } from "./session";
import { useDocumentEditor } from "./use-document-editor";
import "./editor.css";

/** A pass to the room through the link (plugins/docs/link-view.ts), with what the page needs to know of the file. */
interface LinkGrant extends CollabGrant {
  fileId: number;
  name: string;
}

const GUEST_STORAGE = "cumulus.docs.guest";

/**
 * The visitor as this tab remembers them: a name they chose, and an id of their own. Kept for the tab
 * only (a reload keeps it): on a school's shared computer, the next pupil is asked their own name.
 */
function rememberedGuest(): Presence | null {
  try {
    const stored = JSON.parse(window.sessionStorage.getItem(GUEST_STORAGE) ?? "null") as Partial<Presence> | null;
    if (stored && typeof stored.id === "string" && typeof stored.name === "string" && stored.name.trim()) return { id: stored.id, name: stored.name, color: colourOf(stored.id) };
  } catch {
    // Private modes refuse storage: the name is asked once per page.
  }
  return null;
}

function rememberGuest(name: string): Presence {
  const id = `guest:${crypto.randomUUID()}`;
  try {
    window.sessionStorage.setItem(GUEST_STORAGE, JSON.stringify({ id, name }));
  } catch {
    // See above.
  }
  return { id, name, color: colourOf(id) };
}

/** A 401 (the link's password is no longer proven) ends the session like a withdrawn link. */
async function fetchLinkGrant(url: string): Promise<LinkGrant> {
  try {
    return await apiJson<LinkGrant>(url, { expect401: true });
  } catch (error) {
    if (error instanceof ApiFailure && error.status === 401) throw new ApiFailure(403, error.code, error.message);
    throw error;
  }
}

/** The name the others will see, asked before the document opens. */
function GuestNameForm({ fileName, onChosen }: { fileName: string; onChosen: (guest: Presence) => void }) {
  const [name, setName] = useState("");
  return (
    <main id="main" class="docs-page docs-guest" tabIndex={-1}>
      <h1>{t("docs.guest.title", { name: fileName })}</h1>
      <form
        onSubmit={(event) => {
          event.preventDefault();
          if (name.trim()) onChosen(rememberGuest(name.trim().slice(0, 60)));
        }}
      >
        <label for="guest-name">{t("docs.guest.name")}</label>
        <input id="guest-name" value={name} maxLength={60} required autoFocus autoComplete="name" onInput={(event) => setName(event.currentTarget.value)} />
        <p class="hint">{t("docs.guest.nameHint")}</p>
        <button type="submit" class="button">
          {t("docs.guest.open")}
        </button>
      </form>
    </main>
  );
}

/** The live document for a link's visitor: the editor without what needs an account (pictures from one's files, versions). */
function GuestDocument({ first, guest, resourceUrl, pageUrl }: PluginLinkEditorProps & { first: LinkGrant; guest: Presence }) {
  const [session] = useState(() => new DocumentSession(first.fileId, null, () => fetchLinkGrant(resourceUrl("collab-token"))));
  const [linking, setLinking] = useState(false);
  const editing = useDocumentEditor(session, { user: { ...guest, guest: true }, docId: first.fileId, attachmentUrl: resourceUrl });
  const { editor, connection } = editing;

  useEffect(() => {
    document.title = `${first.name} – Cumulus`;
  }, [first.name]);

  if (connection === "missing") return <LinkGone pageUrl={pageUrl} />;
  const back = (
    <a href={pageUrl} class="docs-back">
      <span aria-hidden="true">← </span>
      {t("docs.guest.back")}
    </a>
  );
  return (
    <EditorFrame session={session} editing={editing} title={first.name} back={back} onLink={() => setLinking(true)}>
      {linking && editor && <LinkDialog editor={editor} onClose={() => setLinking(false)} />}
    </EditorFrame>
  );
}

/** The link's own page is a server page, not one of the app's: a plain link leads back to it. */
const LinkGone = ({ pageUrl }: { pageUrl: string }) => <MissingFile back={<a href={pageUrl}>{t("docs.guest.back")}</a>} />;

/**
 * A document of a public link that allows editing, co-edited live by its visitors (link-editor-page.tsx): they
 * act in the room as the link, under the name they give, and lose the editor when the link goes.
 */
export function LinkDocumentEditor(props: PluginLinkEditorProps) {
  const [first, setFirst] = useState<LinkGrant | "missing" | null>(null);
  const [guest, setGuest] = useState<Presence | null>(rememberedGuest);
  useEffect(() => {
    fetchLinkGrant(props.resourceUrl("collab-token"))
      .then(setFirst)
      .catch(() => setFirst("missing"));
  }, []);
  if (first === "missing") return <LinkGone pageUrl={props.pageUrl} />;
  if (!first) {
    return (
      <p class="splash" role="status">
        {t("common.loading")}
      </p>
    );
  }
  if (!guest) return <GuestNameForm fileName={first.name} onChosen={setGuest} />;
  return <GuestDocument {...props} first={first} guest={guest} />;
}
