import * as Y from "yjs";
import { CollabRoom, type CollabConnection } from "../../workers/collab/room";
import type { Env } from "../../workers/env";
import { coreDocumentFiles } from "./core-files";
import type { DocumentFiles } from "./document-files";
import { KnownVersions } from "./known-versions";
import { mergeThreeWay } from "./markdown/three-way";

/** How long typing may go on before the Markdown file is rewritten; and again when the last editor leaves. */
export const WRITE_BACK_DELAY_MS = 5_000;

// Loaded when a room first needs it: Markdown's parser and writer are a hundred modules that every
// other request of the Worker would otherwise load too.
const markdown = () => import("./markdown/ydoc");

/** The core file service, as the documents plugin uses it. */
export const documentFilesFor = (env: Env): DocumentFiles => coreDocumentFiles(env);

/**
 * One document, one room, keyed `docs:<fileId>`. The Yjs state lives in the room's SQLite and beside
 * the file in R2; the file itself keeps Markdown, rewritten after a pause in typing and when the last
 * editor leaves, so that sync clients and search see the text.
 */
export class DocsRoom extends CollabRoom {
  private lastEditor: string | undefined;
  /** The editor named in storage, so that only a change of hands costs a write. */
  private storedEditor: string | undefined;
  private dirty: boolean | undefined;
  /** Write-backs and outside merges, one at a time: two writes in flight could land in either order. */
  private fileWork: Promise<unknown> = Promise.resolve();

  private serially<T>(work: () => Promise<T>): Promise<T> {
    const run = this.fileWork.then(work, work);
    this.fileWork = run.catch(() => undefined);
    return run;
  }

  // Built on each use: closing the room deletes its storage, tables included.
  private known(): KnownVersions {
    return new KnownVersions(this.ctx.storage.sql);
  }

  private async fileId(): Promise<number | undefined> {
    const key = await this.roomKey();
    const id = Number(key?.replace(/^docs:/, ""));
    return Number.isInteger(id) && id > 0 ? id : undefined;
  }

  private files(): DocumentFiles {
    return documentFilesFor(this.env);
  }

  /** Undefined for a room not named after a file (tests of the generic room): nothing to ask about. */
  protected override async accessNow(userId: string): Promise<"read" | "write" | null | undefined> {
    const fileId = await this.fileId();
    return fileId ? this.files().accessOf(fileId, userId) : undefined;
  }

  /** A brand-new room starts from the file's Markdown. */
  protected override async onLoad(doc: Y.Doc): Promise<void> {
    if (doc.getXmlFragment("default").length > 0) return;
    const fileId = await this.fileId();
    const file = fileId ? await this.files()?.read(fileId) : null;
    if (file?.text) (await markdown()).mergeMarkdown(doc, file.text, "file");
    if (file) this.known().remember(file.etag, file.text);
  }

  protected override async onChange(origin: unknown): Promise<void> {
    if (origin === "file" || origin === "external") return;
    if (origin && typeof origin === "object" && "deserializeAttachment" in origin) {
      this.lastEditor = ((origin as WebSocket).deserializeAttachment() as CollabConnection).userId;
    }
    // One durable flag per burst of typing, so a room woken by its alarm still knows it owes a write;
    // the in-memory copy spares a storage read on every keystroke.
    this.dirty ??= (await this.ctx.storage.get<boolean>("dirty")) ?? false;
    if (!this.dirty) {
      await this.markDirty();
    } else if (this.lastEditor !== this.storedEditor) {
      // Someone else typed during the same burst: the version is theirs, even if the room hibernates first.
      await this.ctx.storage.put("lastEditor", this.lastEditor);
      this.storedEditor = this.lastEditor;
    }
  }

  private async markDirty(): Promise<void> {
    this.dirty = true;
    await this.ctx.storage.put({ dirty: true, lastEditor: this.lastEditor });
    this.storedEditor = this.lastEditor;
    await this.scheduleAlarm(Date.now() + WRITE_BACK_DELAY_MS);
  }

  protected override async onAlarm(): Promise<void> {
    await this.writeBack();
  }

  protected override async onLastDisconnect(): Promise<void> {
    await this.writeBack();
  }

  /** Writes the Markdown back as a new file version if it changed; saves the Yjs state beside it. */
  writeBack(): Promise<boolean> {
    return this.serially(() => this.writeBackNow());
  }

  private async writeBackNow(): Promise<boolean> {
    await this.ensureLoaded();
    if (!(await this.ctx.storage.get<boolean>("dirty"))) return false;
    const fileId = await this.fileId();
    const files = this.files();
    if (!fileId || !files) return false;
    const actor = this.lastEditor ?? (await this.ctx.storage.get<string>("lastEditor")) ?? "system";
    // Cleared before the text is taken, so that typing during the write marks the room dirty again
    // and gets a write of its own, instead of being left out of the file until the next burst.
    this.dirty = false;
    await this.ctx.storage.put("dirty", false);
    try {
      const known = this.known();
      const current = await files.read(fileId);
      // A save from elsewhere that the room has not merged yet (its hook still to come, or failed) is
      // merged first: writing over it would drop it.
      if (current && !known.has(current.etag)) await this.mergeNow(current.text, current.etag);
      const text = (await markdown()).markdownOf(this.doc);
      // A burst that ends where the file already is (typed, then undone) makes no version.
      if (current?.text === text) {
        known.remember(current.etag, text);
        return false;
      }
      const { etag } = await files.writeVersion(fileId, text, actor);
      known.remember(etag, text);
    } catch (error) {
      // The text is still owed to the file: try again at the next alarm.
      await this.markDirty();
      throw error;
    }
    await this.env.FILES.put(yjsStateKey(fileId), Y.encodeStateAsUpdate(this.doc));
    return true;
  }

  /**
   * A sync client (or anyone) saved the file: merge its Markdown into the live document, three ways.
   * The base is the version the save replaced (`previousEtag`: a desktop client sends If-Match, so it
   * edited that one), else the known version closest to it. What changed since on either side is kept:
   * the save does not undo what people typed meanwhile, and a restored version is not undone either.
   * Our own write-backs come back through the same hook and are recognised by their ETag.
   */
  mergeExternal(text: string, etag: string, previousEtag?: string): Promise<boolean> {
    return this.serially(() => this.mergeNow(text, etag, previousEtag));
  }

  private async mergeNow(text: string, etag: string, previousEtag?: string): Promise<boolean> {
    await this.ensureLoaded();
    const known = this.known();
    if (known.has(etag)) return false;
    const { markdownOf, mergeMarkdown } = await markdown();
    const ours = markdownOf(this.doc);
    const base = (previousEtag === undefined ? undefined : known.textOf(previousEtag)) ?? known.closestTo(text);
    const merged = base === undefined ? text : mergeThreeWay(base, ours, text);
    if (merged !== ours) mergeMarkdown(this.doc, merged, "external");
    known.remember(etag, text);
    // Something of ours went into the merge, so the file lacks it (typing since that version, or a write
    // of ours that landed after this save): owe the file a write.
    if (merged !== text) await this.markDirty();
    return true;
  }

  /** The document was deleted: besides the stored state, the room forgets what it owed the file. */
  override close(reason: string): Promise<void> {
    return this.serially(async () => {
      await super.close(reason);
      this.dirty = undefined;
      this.lastEditor = undefined;
      this.storedEditor = undefined;
    });
  }
}

/** Where a document's Yjs state is kept beside its file, so authorship and history survive the room. */
export function yjsStateKey(fileId: number): string {
  return `docs/yjs-state/${fileId}`;
}
