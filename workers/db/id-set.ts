import { SQL, sql } from "drizzle-orm";

/**
 * Node ids for a query's `IN (…)`: a list, or a subquery that yields them. A subquery lets a read go
 * out before the nodes themselves are loaded, in the same batch as their listing (see PROPFIND).
 */
export type IdSet = readonly number[] | SQL;

/** The ids as a subquery; a list travels as one JSON parameter whatever its length (D1 allows 100 parameters). */
export const idSubquery = (ids: IdSet): SQL => (ids instanceof SQL ? ids : sql`SELECT value FROM json_each(${JSON.stringify([...new Set(ids)])})`);

/** True only for a list known to be empty: a subquery is sent and may yield nothing. */
export const isEmptyIdSet = (ids: IdSet): boolean => !(ids instanceof SQL) && ids.length === 0;
