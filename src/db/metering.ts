/**
 * Counts what D1 reports in `meta` (rows read and written) for every statement of a request,
 * so benchmarks and tests can check that a request costs O(page) rows, not O(thread).
 */
export class RowMeter {
  rowsRead = 0;
  rowsWritten = 0;
  queries = 0;
  /** Round trips to D1: a batch is one, however many statements it holds (Workers limit these per request). */
  calls = 0;

  add(meta: { rows_read?: number; rows_written?: number } | undefined): void {
    this.queries += 1;
    this.rowsRead += meta?.rows_read ?? 0;
    this.rowsWritten += meta?.rows_written ?? 0;
  }
}

const inner = Symbol("inner");
type Wrapped = D1PreparedStatement & { [inner]: D1PreparedStatement };

/**
 * Wraps a D1 database or session (drizzle needs only prepare and batch) so every result's `meta` is added to `meter`. `raw()` and `first()`
 * drop `meta` in D1's API, so they are served from `all()` here; selects must therefore not
 * return two columns of the same name (they would collapse into one key).
 */
export function meteredD1(db: Pick<D1Database, "prepare" | "batch">, meter: RowMeter): D1Database {
  const wrap = (stmt: D1PreparedStatement): Wrapped => {
    const wrapped = {
      [inner]: stmt,
      bind: (...values: unknown[]) => wrap(stmt.bind(...values)),
      async all<T>() {
        meter.calls += 1;
        const result = await stmt.all<T>();
        meter.add(result.meta);
        return result;
      },
      async run<T>() {
        meter.calls += 1;
        const result = await stmt.run<T>();
        meter.add(result.meta);
        return result;
      },
      async first<T>(column?: string) {
        const { results } = await wrapped.all<Record<string, unknown>>();
        const row = results[0];
        if (row === undefined) return null;
        return (column === undefined ? row : row[column]) as T;
      },
      async raw<T>(options?: { columnNames?: boolean }) {
        const { results } = await wrapped.all<Record<string, unknown>>();
        const rows = results.map((row) => Object.values(row));
        if (options?.columnNames) return [Object.keys(results[0] ?? {}), ...rows] as T[];
        return rows as T[];
      },
    };
    return wrapped as unknown as Wrapped;
  };

  return {
    prepare: (query: string) => wrap(db.prepare(query)),
    async batch<T>(statements: D1PreparedStatement[]) {
      meter.calls += 1;
      const results = await db.batch<T>(statements.map((s) => (s as Wrapped)[inner] ?? s));
      for (const result of results) meter.add(result.meta);
      return results;
    },
    // drizzle's D1 driver calls nothing else.
  } as unknown as D1Database;
}
