import { CollabRoom } from "../../workers/collab/room";

/**
 * One meeting minute, one room: keyed by the file id. The Markdown write-back and the import of
 * outside changes hang off CollabRoom's hooks.
 */
export class DocsRoom extends CollabRoom {}
