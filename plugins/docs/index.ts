import { definePlugin } from "../../workers/plugin/define";
import { docsHooks } from "./hooks";
import { DocsRoom } from "./room";

/** Collaborative documents: Markdown files co-edited live, with no cap on editors. */
export const docs = definePlugin({
  id: "docs",
  name: "Documents",
  version: "0.1.0",
  durableObjects: [{ binding: "DOCS_ROOM", className: "DocsRoom", class: DocsRoom }],
  hooks: docsHooks,
  fileTypes: [
    {
      extensions: ["md"],
      mimeTypes: ["text/markdown"],
      editor: "document",
      create: { label: { fr: "Nouveau document", en: "New document" }, defaultName: { fr: "Document.md", en: "Document.md" } },
    },
  ],
});
