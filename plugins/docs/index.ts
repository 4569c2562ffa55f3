import { definePlugin } from "../../workers/plugin/define";
import { docsApi } from "./api";
import { docsHooks } from "./hooks";
import { documentLinkView } from "./link-view";
import { DocsRoom } from "./room";
import { collabSocket, collabTokens } from "./routes";

/** Collaborative documents: Markdown files co-edited live, with no cap on editors. */
export const docs = definePlugin({
  id: "docs",
  name: "Documents",
  version: "0.1.0",
  durableObjects: [{ binding: "DOCS_ROOM", className: "DocsRoom", class: DocsRoom }],
  hooks: docsHooks,
  routes: [
    { path: "/collab", app: collabSocket },
    { path: "/api/collab", app: collabTokens },
    { path: "/api/docs", app: docsApi },
  ],
  web: { entry: "web/index.tsx" },
  fileTypes: [
    {
      extensions: ["md"],
      mimeTypes: ["text/markdown"],
      editor: "document",
      linkView: documentLinkView,
      create: { label: { fr: "Nouveau document", en: "New document" }, defaultName: { fr: "Document.md", en: "Document.md" } },
    },
    // A Word file opens a page offering to import it as a document (web/import-page.tsx); it is never edited as such.
    { extensions: ["docx"], mimeTypes: ["application/vnd.openxmlformats-officedocument.wordprocessingml.document"], editor: "import" },
  ],
});
