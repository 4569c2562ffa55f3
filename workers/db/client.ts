import { drizzle, type DrizzleD1Database } from "drizzle-orm/d1";
import * as core from "../../schema/core";

export type Db = DrizzleD1Database<typeof core>;

export function createDb(d1: D1Database): Db {
  return drizzle(d1, { schema: core });
}
