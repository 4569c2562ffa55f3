import { defineWebEntry } from "../../../web/src/plugins/web-entry";
import { DocumentEditor } from "./document-editor";
import { ImportPage } from "./import-page";

/** The documents plugin's web part: its editors, named by its file types (index.ts, fileTypes). */
export default defineWebEntry({ editors: { document: DocumentEditor, import: ImportPage } });
