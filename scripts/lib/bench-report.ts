import type { Measurement } from "./bench-scenarios";

/**
 * Most rows one list page of 20 may read. Such a page shows up to 80 comments (20, each with
 * up to 3 previewed replies), and each shown comment costs up to ~4 rows: itself (its keyset
 * slice reads one extra to know if more follow), its author (a probe of users' TEXT primary-key
 * index plus the table row: 2), and for a signed-in viewer the probe for their reaction (1).
 * 80 × 4 = 320; a query that reads the 10,000-comment thread instead reads thousands.
 */
export const MAX_LIST_ROWS = 320;
/** Most rows a count may read per article asked for: a primary-key lookup each. */
export const MAX_COUNT_ROWS_PER_ARTICLE = 5;

export interface Limits {
  listRows: number;
  countRowsPerArticle: number;
}

export interface Check {
  name: string;
  ok: boolean;
  detail: string;
}

const find = (measurements: Measurement[], name: string) => {
  const found = measurements.find((m) => m.name === name);
  if (!found) throw new Error(`No measurement named '${name}'`);
  return found;
};

/** "About the same": within a quarter (plus a little slack for small numbers) of the reference. */
function aboutTheSame(name: string, subject: Measurement, reference: Measurement): Check {
  const a = subject.result.rowsRead.mean;
  const b = reference.result.rowsRead.mean;
  return { name, ok: a <= b * 1.25 + 10, detail: `${a.toFixed(1)} vs ${b.toFixed(1)} rows read` };
}

/**
 * The O(page) / O(1) checks: every list page under `limits.listRows`, every count under
 * `limits.countRowsPerArticle` per article, and `sameAs` pairs ([subject, reference]) reading
 * about as many rows as each other.
 */
export function runChecks(measurements: Measurement[], sameAs: [string, string][], limits: Limits): Check[] {
  const checks: Check[] = [];
  for (const m of measurements) {
    const max = m.result.rowsRead.max;
    if (m.kind.type === "list") {
      checks.push({ name: `${m.name} reads O(page)`, ok: max <= limits.listRows, detail: `max ${max} rows read, limit ${limits.listRows}` });
    } else if (m.kind.type === "count") {
      const limit = limits.countRowsPerArticle * m.kind.articles;
      checks.push({ name: `${m.name} reads O(articles)`, ok: max <= limit, detail: `max ${max} rows read, limit ${limit}` });
    }
  }
  for (const [subject, reference] of sameAs) {
    checks.push(aboutTheSame(`${subject} ≈ ${reference}`, find(measurements, subject), find(measurements, reference)));
  }
  return checks;
}

const fmt = (n: number, digits = 1) => (Number.isInteger(n) ? String(n) : n.toFixed(digits));

/** The measurements as a fixed-width table, one endpoint a line. */
export function formatTable(measurements: Measurement[]): string {
  const head = ["endpoint", "rows read/req", "rows written/req", "queries/req", "req/s", "p50 ms", "p95 ms"];
  const rows = measurements.map(({ name, result: r }) => [
    name,
    r.rowsRead.max === r.rowsRead.mean ? fmt(r.rowsRead.mean) : `${fmt(r.rowsRead.mean)} (max ${r.rowsRead.max})`,
    fmt(r.rowsWritten.mean),
    fmt(r.queries.mean),
    r.reqPerSec.toFixed(0),
    r.latencyMs.p50.toFixed(1),
    r.latencyMs.p95.toFixed(1),
  ]);
  return fixedWidthTable(head, rows);
}

/** A head and rows of cells as aligned text: the first column left, the figures right. */
export function fixedWidthTable(head: string[], rows: string[][]): string {
  const widths = head.map((h, i) => Math.max(h.length, ...rows.map((row) => row[i]!.length)));
  const line = (cells: string[]) => cells.map((c, i) => (i === 0 ? c.padEnd(widths[i]!) : c.padStart(widths[i]!))).join("  ");
  return [line(head), widths.map((w) => "-".repeat(w)).join("  "), ...rows.map(line)].join("\n");
}

export function formatChecks(checks: Check[]): string {
  return checks.map((c) => `${c.ok ? "PASS" : "FAIL"}  ${c.name}: ${c.detail}`).join("\n");
}
