import { defineWebEntry } from "../../../web/src/plugins/web-entry";
import { DocumentEditor } from "./document-editor";
import { ImportPage } from "./import-page";
import { LinkDocumentEditor } from "./link-editor";

/** The documents plugin's web part: its editors, named by its file types (index.ts, fileTypes), and the one for link visitors. */
export default defineWebEntry({ editors: { document: DocumentEditor, import: ImportPage }, linkEditors: { document: LinkDocumentEditor } });
