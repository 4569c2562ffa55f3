import * as decoding from "lib0/decoding";
import WebSocket from "ws";
import * as Y from "yjs";
import { BenchClient, now, syncUpdateFrame } from "./client";
import type { Room } from "./targets";

/** A document typed one character at a time, in the Yjs B4 trace's proportions (about 70% inserts, 30% backspaces). */
export interface Trace {
  frames: Uint8Array[];
  inserts: number;
  deletes: number;
  length: number;
  stateBytes: number;
  clientId: number;
  clock: number;
}

/** Deterministic, so both servers and every run get the same document. */
function mulberry32(seed: number) {
  return () => {
    seed = (seed + 0x6d2b79f5) | 0;
    let t = Math.imul(seed ^ (seed >>> 15), 1 | seed);
    t = (t + Math.imul(t ^ (t >>> 7), 61 | t)) ^ t;
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

/**
 * How the characters are typed.
 * - "b4": like the real trace behind Yjs's B4 benchmark: long runs of typing at the cursor, a jump
 *   elsewhere now and then, and backspaces in runs (a word or a phrase at a time). Its Yjs state comes
 *   out near the real trace's (159,929 bytes for 104,852 characters).
 * - "scattered": every keystroke is a backspace with probability 0.3, so deletions cut the text into
 *   pieces of two or three characters: the same counts, with a state about seven times B4's. A worst case.
 */
export type TraceShape = "b4" | "scattered";

const SHAPES: Record<TraceShape, { jump: number; backspaceRun: number; meanRun: number }> = {
  b4: { jump: 0.002, backspaceRun: 0.02, meanRun: 20 },
  scattered: { jump: 0.02, backspaceRun: 0.3, meanRun: 1 },
};

/** `batch` consecutive updates merged into each frame (1: one update per frame, as typed). */
export function buildTrace(ops: number, batch = 1, shape: TraceShape = "b4"): Trace {
  const { jump, backspaceRun, meanRun } = SHAPES[shape];
  const random = mulberry32(4);
  const doc = new Y.Doc();
  doc.clientID = 424242;
  const text = doc.getText("text");
  const frames: Uint8Array[] = [];
  let pending: Uint8Array[] = [];
  const flush = () => {
    if (pending.length) frames.push(syncUpdateFrame(pending.length === 1 ? pending[0]! : Y.mergeUpdates(pending)));
    pending = [];
  };
  doc.on("update", (update: Uint8Array) => (pending.push(update), pending.length >= batch && flush()));
  const letters = "abcdefghijklmnopqrstuvwxyz éèàç,.";
  let cursor = 0;
  let inserts = 0;
  let deletes = 0;
  let backspaces = 0;
  for (let i = 0; i < ops; i++) {
    if (backspaces === 0 && random() < jump) cursor = Math.floor(random() * (text.length + 1));
    // A run's length is drawn from a geometric law of mean `meanRun`.
    if (backspaces === 0 && cursor > 0 && random() < backspaceRun) backspaces = meanRun === 1 ? 1 : 1 + Math.floor(-Math.log(1 - random()) * (meanRun - 1));
    if (backspaces > 0 && cursor > 0) {
      text.delete(cursor - 1, 1);
      cursor--;
      deletes++;
      backspaces--;
    } else {
      backspaces = 0;
      text.insert(cursor, letters[Math.floor(random() * letters.length)]!);
      cursor++;
      inserts++;
    }
  }
  flush();
  return { frames, inserts, deletes, length: text.length, stateBytes: Y.encodeStateAsUpdate(doc).byteLength, clientId: doc.clientID, clock: Y.getState(doc.store, doc.clientID) };
}

/** The clock the server holds for one client, read from the sync step 1 it sends to a new connection. */
function serverClock(url: string, clientId: number): Promise<number> {
  return new Promise((resolve) => {
    const ws = new WebSocket(url, { perMessageDeflate: false });
    const done = (clock: number) => {
      clearTimeout(timer);
      ws.terminate();
      resolve(clock);
    };
    const timer = setTimeout(() => done(-1), 30_000);
    ws.on("error", () => done(-1));
    ws.on("message", (data: Buffer) => {
      if (data[0] !== 0 || data[1] !== 0) return;
      const decoder = decoding.createDecoder(data);
      decoding.readVarUint(decoder);
      decoding.readVarUint(decoder);
      done(Y.decodeStateVector(decoding.readVarUint8Array(decoder)).get(clientId) ?? 0);
    });
  });
}

const sleep = (ms: number) => new Promise((r) => setTimeout(r, ms));

export interface Ingest {
  /** Still connected, so that the room stays in memory for the warm measurement. */
  builder: BenchClient;
  sendSeconds: number;
  ingestSeconds: number;
}

/** Sends every update of the trace as its own frame, as fast as the socket drains, until the server holds them all. */
export async function ingest(room: Room, trace: Trace, log: (line: string) => void): Promise<Ingest> {
  const builder = new BenchClient(await room.url(), 0, { full: false });
  await builder.opened;
  await builder.synced;
  const start = now();
  for (let i = 0; i < trace.frames.length; i++) {
    builder.sendRaw(trace.frames[i]!);
    if (i % 1000 === 0) while (builder.bufferedAmount > 4 * 1024 * 1024) await sleep(2);
  }
  while (builder.bufferedAmount > 0) await sleep(2);
  const sendSeconds = (now() - start) / 1000;
  for (let lastLog = Date.now(); ; ) {
    const clock = await serverClock(await room.url(), trace.clientId);
    if (clock === trace.clock) break;
    if (builder.closed) throw new Error(`the builder's connection closed while the server was ingesting (${builder.closeReason}; server holds ${clock} of ${trace.clock})`);
    if (Date.now() - lastLog > 15_000) (log(`  … server holds ${clock} of ${trace.clock} ops`), (lastLog = Date.now()));
    await sleep(500);
  }
  return { builder, sendSeconds, ingestSeconds: (now() - start) / 1000 };
}

export interface SyncTiming {
  /** From creating the socket to the text checked complete. */
  totalMs: number;
  /** From creating the socket to the upgrade answered. */
  openMs: number;
  /** From creating the socket to the sync step 2 frame's arrival. */
  step2Ms: number;
  /** Bytes of that step 2 frame, and the client's time to apply it. */
  step2Bytes: number;
  applyMs: number;
  ok: boolean;
}

/** A new full client: how long until its document holds the whole text. */
export async function timeSync(url: string, expectedLength: number): Promise<SyncTiming> {
  const start = now();
  const client = new BenchClient(url, -1, { full: true });
  let openMs = NaN;
  void client.opened.then(() => (openMs = now() - start));
  const complete = new Promise<void>((resolve) => {
    const check = () => client.textLength() === expectedLength && (client.doc!.off("update", check), resolve());
    client.doc!.on("update", check);
  });
  let timer: NodeJS.Timeout | undefined;
  const ok = await Promise.race([complete.then(() => true), new Promise<boolean>((r) => (timer = setTimeout(() => r(false), 120_000)))]);
  clearTimeout(timer);
  const totalMs = now() - start;
  client.close();
  return { totalMs, openMs, step2Ms: client.step2ArrivedAt - start, step2Bytes: client.step2Bytes, applyMs: client.step2ApplyMs, ok };
}
