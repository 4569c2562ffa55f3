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

/** How a read goes to D1: alone (`db.all`), or gathered with others (batchedReader). Rows are objects keyed by column name. */
export type Reader = <T>(query: SQL) => Promise<T[]>;

export const directReader =
  (db: Db): Reader =>
  <T>(query: SQL) =>
    db.all<T>(query);

/**
 * A reader whose reads asked in the same turn, before any of them is awaited, go to D1 as one batch:
 * independent loaders (the property sources of a listing) each ask for theirs and pay one round trip
 * together. A read asked later goes in a batch of its own. If one statement fails, its whole batch does.
 */
export function batchedReader(db: Db): Reader {
  let pending: { query: SQL; resolve: (rows: unknown[]) => void; reject: (error: unknown) => void }[] = [];
  const flush = async () => {
    const batch = pending;
    pending = [];
    try {
      const rows = await readTogether<unknown[]>(
        db,
        batch.map((p) => p.query),
      );
      batch.forEach((p, i) => p.resolve(rows[i]!));
    } catch (error) {
      for (const p of batch) p.reject(error);
    }
  };
  return <T>(query: SQL) =>
    new Promise<T[]>((resolve, reject) => {
      if (!pending.length) queueMicrotask(() => void flush());
      pending.push({ query, resolve: resolve as (rows: unknown[]) => void, reject });
    });
}
