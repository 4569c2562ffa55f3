import { defineWebEntry } from "../../../web/src/plugins/web-entry";
import { DocumentEditor } from "./document-editor";

/** The documents plugin's web part: its one editor, named by its file type (index.ts, fileTypes). */
export default defineWebEntry({ editors: { document: DocumentEditor } });
