import { is } from "drizzle-orm";
import type { BatchItem } from "drizzle-orm/batch";
import { drizzle } from "drizzle-orm/d1";
import { SQLiteRaw } from "drizzle-orm/sqlite-core/query-builders/raw";
import * as schema from "./schema";

/** Drizzle over a (metered) D1 binding; created once per request. */
export function createDb(d1: D1Database) {
  return drizzle(d1, { schema });
}

export type Db = ReturnType<typeof createDb>;

export type BatchStatement = BatchItem<"sqlite">;

/**
 * Runs statements as one D1 batch: one round trip, all-or-nothing. Raw `db.run(sql)`
 * statements with parameters lack the prepared statement drizzle's D1 batch binds, so one is
 * attached here.
 */
export function runBatch(db: Db, statements: BatchStatement[]) {
  for (const statement of statements) {
    if (is(statement, SQLiteRaw) && !("stmt" in statement)) {
      Object.assign(statement, { stmt: db.$client.prepare(statement.getQuery().sql) });
    }
  }
  const [first, ...rest] = statements;
  if (!first) return Promise.resolve([]);
  return db.batch([first, ...rest]);
}

/** D1 allows at most 100 bound parameters a statement; IN lists are split below that. */
const MAX_IN_LIST = 90;

/** Runs one select per chunk of `ids` (each an IN list under D1's limit) in one batch. */
export async function selectInChunks<T>(db: Db, ids: string[], select: (part: string[]) => BatchStatement & PromiseLike<T[]>): Promise<T[]> {
  const parts: string[][] = [];
  for (let i = 0; i < ids.length; i += MAX_IN_LIST) parts.push(ids.slice(i, i + MAX_IN_LIST));
  const results = (await runBatch(db, parts.map(select))) as T[][];
  return results.flat();
}
