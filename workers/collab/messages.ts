import * as decoding from "lib0/decoding";
import * as encoding from "lib0/encoding";
import * as authProtocol from "y-protocols/auth";
import * as syncProtocol from "y-protocols/sync";
import * as Y from "yjs";

/** y-websocket's message types: the first varUint of every frame. */
export const MESSAGE_SYNC = 0;
export const MESSAGE_AWARENESS = 1;
export const MESSAGE_AUTH = 2;
export const MESSAGE_QUERY_AWARENESS = 3;

/** A sync message (step 1, step 2 or update) whose payload is already encoded. */
function syncFrame(syncType: number, payload: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_SYNC);
  encoding.writeVarUint(encoder, syncType);
  encoding.writeVarUint8Array(encoder, payload);
  return encoding.toUint8Array(encoder);
}

export const encodeSyncStep1 = (doc: Y.Doc): Uint8Array => syncFrame(syncProtocol.messageYjsSyncStep1, Y.encodeStateVector(doc));

/** Sync step 1 from a stored state vector, for a room that has not decoded its document yet. */
export const encodeSyncStep1FromStateVector = (stateVector: Uint8Array): Uint8Array => syncFrame(syncProtocol.messageYjsSyncStep1, stateVector);

/** Sync step 2 carrying an already encoded update (a stored snapshot), sent as it is. */
export const encodeSyncStep2 = (update: Uint8Array): Uint8Array => syncFrame(syncProtocol.messageYjsSyncStep2, update);

export const encodeUpdate = (update: Uint8Array): Uint8Array => syncFrame(syncProtocol.messageYjsUpdate, update);

export function encodeAwareness(update: Uint8Array): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AWARENESS);
  encoding.writeVarUint8Array(encoder, update);
  return encoding.toUint8Array(encoder);
}

/** y-websocket clients log this through their permissionDeniedHandler. */
export function encodePermissionDenied(reason: string): Uint8Array {
  const encoder = encoding.createEncoder();
  encoding.writeVarUint(encoder, MESSAGE_AUTH);
  authProtocol.writePermissionDenied(encoder, reason);
  return encoding.toUint8Array(encoder);
}

export type IncomingMessage =
  | { kind: "syncStep1"; stateVector: Uint8Array }
  | { kind: "syncWrite"; update: Uint8Array }
  | { kind: "awareness"; update: Uint8Array }
  | { kind: "queryAwareness" }
  | { kind: "ignored" };

/** Reads a frame's type without applying anything, so that permissions can be checked first. */
export function readMessage(data: Uint8Array): IncomingMessage {
  const decoder = decoding.createDecoder(data);
  const type = decoding.readVarUint(decoder);
  if (type === MESSAGE_SYNC) {
    const syncType = decoding.readVarUint(decoder);
    if (syncType === syncProtocol.messageYjsSyncStep1) return { kind: "syncStep1", stateVector: decoding.readVarUint8Array(decoder) };
    if (syncType === syncProtocol.messageYjsSyncStep2 || syncType === syncProtocol.messageYjsUpdate) {
      return { kind: "syncWrite", update: decoding.readVarUint8Array(decoder) };
    }
    return { kind: "ignored" };
  }
  if (type === MESSAGE_AWARENESS) return { kind: "awareness", update: decoding.readVarUint8Array(decoder) };
  if (type === MESSAGE_QUERY_AWARENESS) return { kind: "queryAwareness" };
  return { kind: "ignored" };
}

/** Answers a client's state vector with what it misses (sync step 2). */
export const answerSyncStep1 = (stateVector: Uint8Array, doc: Y.Doc): Uint8Array => encodeSyncStep2(Y.encodeStateAsUpdate(doc, stateVector));

/** A new client's state vector: it holds nothing yet, so the whole document is what it misses. */
export function isEmptyStateVector(stateVector: Uint8Array): boolean {
  return stateVector.byteLength === 1 && stateVector[0] === 0;
}

/** An update that adds and deletes nothing (what a new client answers to sync step 1). */
export function isEmptyUpdate(update: Uint8Array): boolean {
  return update.byteLength === 2 && update[0] === 0 && update[1] === 0;
}
