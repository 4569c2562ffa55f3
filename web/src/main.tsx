import { render } from "preact";
import { App } from "./app";
import { LinkEditorPage } from "./plugins/link-editor-page";
import { loadSession, me } from "./state/session";
// Order matters: the phone layout overrides the others.
import "./styles/base.css";
import "./styles/forms.css";
import "./styles/shell.css";
import "./styles/content.css";
import "./styles/login.css";
import "./styles/settings-admin.css";
import "./styles/phone.css";

// A public link's visitor, on the page the server named a plugin's editor on: no account, no session.
if (document.body.dataset.plugin !== undefined) {
  render(<LinkEditorPage />, document.getElementById("app")!);
} else {
  render(<App />, document.getElementById("app")!);
  // Without an answer the app cannot tell a visitor from a member; send them to the login page.
  loadSession().catch((error: unknown) => {
    console.warn("[cumulus] could not load the session", error);
    me.value = null;
  });
}
