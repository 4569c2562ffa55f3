import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import * as core from "../../schema/core";

/** The schema-aware client; `$client` is the D1 binding itself (for batches of raw reads, see read-together.ts). */
export type Db = DrizzleD1Database<typeof core> & { $client: D1Database };

// drizzle() walks the whole schema to build its relational config: a few milliseconds of CPU that
// every request paid. The instance holds nothing per request, so one per D1 binding is kept.
const instances = new WeakMap<D1Database, Db>();

export function createDb(d1: D1Database): Db {
  let db = instances.get(d1);
  if (!db) instances.set(d1, (db = drizzle(d1, { schema: core })));
  return db;
}
