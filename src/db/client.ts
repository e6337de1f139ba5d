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

/** `ids` cut into IN lists that stay under D1's limit with `otherParameters` bound beside them. */
export function inLists(ids: string[], otherParameters = 10): string[][] {
  const size = MAX_IN_LIST + 10 - otherParameters;
  const parts: string[][] = [];
  for (let i = 0; i < ids.length; i += size) parts.push(ids.slice(i, i + size));
  return parts;
}

/** Runs one select per chunk of `ids` (each an IN list under D1's limit) in one batch. */
export async function selectInChunks<T>(db: Db, ids: string[], select: (part: string[]) => BatchStatement & PromiseLike<T[]>): Promise<T[]> {
  const results = (await runBatch(db, inLists(ids).map(select))) as T[][];
  return results.flat();
}

export type Step = BatchStatement | readonly BatchStatement[];
export type StepResults<T extends Record<string, Step>> = { [K in keyof T]: T[K] extends readonly BatchStatement[] ? unknown[] : Awaited<T[K]> };

/**
 * Runs named steps as one D1 batch, in the order they are written (a step may be a list of
 * statements), and gives each step's result back under its name: callers read `results.insert`,
 * never `results[1]`.
 *
 * @example
 * const { comment } = await runSteps(db, { counters: [bumpA, bumpB], comment: insertComment });
 * comment.meta.changes // the insert's result
 */
export async function runSteps<T extends Record<string, Step>>(db: Db, steps: T): Promise<StepResults<T>> {
  const names = Object.keys(steps) as (keyof T & string)[];
  const spans: [keyof T, number, number][] = [];
  const flat: BatchStatement[] = [];
  for (const name of names) {
    const step = steps[name];
    const list = Array.isArray(step) ? step : [step as BatchStatement];
    spans.push([name, flat.length, flat.length + list.length]);
    flat.push(...list);
  }
  const results = (await runBatch(db, flat)) as unknown[];
  const named = {} as Record<keyof T, unknown>;
  for (const [name, from, to] of spans) named[name] = Array.isArray(steps[name]) ? results.slice(from, to) : results[from];
  return named as StepResults<T>;
}
