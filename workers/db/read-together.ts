import type { SQL } from "drizzle-orm";
import { SQLiteAsyncDialect } from "drizzle-orm/sqlite-core";
import type { Db } from "./client";

const dialect = new SQLiteAsyncDialect();

/**
 * Rows of several reads, sent to D1 in one batch: a statement sent alone costs a round trip, even
 * among others in flight, so reads that depend on nothing but what a request already knows go
 * together. An undefined entry is a read that is not needed this time; its rows are empty.
 * Each statement's rows come back as objects keyed by column name, so every column must have its own.
 */
export async function readTogether<T extends unknown[]>(db: Db, queries: { [K in keyof T]: SQL | undefined }): Promise<{ [K in keyof T]: T[K][] }> {
  const d1 = db.$client;
  const wanted = queries.flatMap((q, i) => (q ? [{ i, q }] : []));
  const rows: unknown[][] = queries.map(() => []);
  if (wanted.length) {
    const results = await d1.batch(
      wanted.map(({ q }) => {
        const { sql, params } = dialect.sqlToQuery(q);
        return d1.prepare(sql).bind(...params);
      }),
    );
    results.forEach((result, n) => (rows[wanted[n]!.i] = result.results));
  }
  return rows as { [K in keyof T]: T[K][] };
}
