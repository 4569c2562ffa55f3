import { linesApart } from "./markdown/three-way";

/** How many of the file's recent versions a room remembers as possible starting points of an outside edit. */
const KEPT = 10;
// SQLite rows in a Durable Object hold at most 2 MB; a longer text is not remembered (its merge is two-way).
const MAX_TEXT_BYTES = 1_500_000;
// Guessing the base compares the save with every known text: kept to texts that compare quickly.
const MAX_GUESS_CHARS = 200_000;

/**
 * The file versions a room knows the text of: the one it started from, those it wrote, and outside
 * saves it merged. A sync client edits one of these; knowing which lets its save be merged three ways,
 * so that it neither undoes what people typed since nor is taken for the room's own write.
 */
export class KnownVersions {
  constructor(private readonly sql: SqlStorage) {
    sql.exec(`CREATE TABLE IF NOT EXISTS docs_known_versions (seq INTEGER PRIMARY KEY AUTOINCREMENT, etag TEXT NOT NULL UNIQUE, text TEXT NOT NULL)`);
  }

  remember(etag: string, text: string): void {
    if (new TextEncoder().encode(text).byteLength > MAX_TEXT_BYTES) return;
    this.sql.exec(`INSERT OR REPLACE INTO docs_known_versions (etag, text) VALUES (?, ?)`, etag, text);
    this.sql.exec(`DELETE FROM docs_known_versions WHERE seq NOT IN (SELECT seq FROM docs_known_versions ORDER BY seq DESC LIMIT ?)`, KEPT);
  }

  has(etag: string): boolean {
    return this.sql.exec(`SELECT 1 FROM docs_known_versions WHERE etag = ?`, etag).toArray().length > 0;
  }

  textOf(etag: string): string | undefined {
    return this.sql.exec<{ text: string }>(`SELECT text FROM docs_known_versions WHERE etag = ?`, etag).toArray()[0]?.text;
  }

  /** The known text `text` is closest to: most likely the version its author started from. */
  closestTo(text: string): string | undefined {
    if (text.length > MAX_GUESS_CHARS) return undefined;
    let best: { text: string; apart: number } | undefined;
    for (const row of this.sql.exec<{ text: string }>(`SELECT text FROM docs_known_versions WHERE length(text) <= ? ORDER BY seq DESC`, MAX_GUESS_CHARS)) {
      const apart = linesApart(row.text, text);
      if (!best || apart < best.apart) best = { text: row.text, apart };
    }
    return best?.text;
  }
}
