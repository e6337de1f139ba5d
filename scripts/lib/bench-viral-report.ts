import { fixedWidthTable } from "./bench-report";
import type { Row } from "./bench-viral-stats";
import { type Correctness, VISIBILITY_BOUND_S } from "./bench-viral-tail";

/** Issue 12, item 5: what a viral article must get from the edge cache. */
const TARGETS = { ceilingRatio: 0.8, d1CallsPer1000: 5, d1CallsPerWindow: 5, p99OverP50: 3 };

export interface ViralCheck {
  name: string;
  ok: boolean;
  detail: string;
  /** Fails the bench (exit 1). */
  fatal: boolean;
}

/** The rows the checks read: each kind of request on its own, and the readers' views together. */
export interface ViralRows {
  ceiling: Row;
  list: Row;
  next: Row;
  counts: Row;
  watch: Row;
  post: Row;
  /** list + next + counts: every anonymous view the readers made (the watcher is the bench's own instrument). */
  views: Row;
}

const fixed = (n: number, digits = 2) => n.toFixed(digits);

/**
 * The viral checks. Only correctness fails the bench: the machine is shared and noisy, so the
 * throughput ratio, the D1 budget and the p99 spread are reported against their targets but
 * left to a reader to judge; a lost, doubled or late post, or a 5xx, is wrong on any machine.
 */
export function viralChecks(rows: ViralRows, c: Correctness, writers: number): ViralCheck[] {
  const { ceiling, list, views } = rows;
  const each = [rows.ceiling, rows.list, rows.next, rows.counts, rows.watch, rows.post];
  const ratio = views.reqPerSec / Math.max(1e-9, ceiling.reqPerSec);
  const errors5xx = each.reduce((sum, r) => sum + r.errors5xx, 0);
  const badReads = each.filter((r) => r !== rows.post).reduce((sum, r) => sum + r.unexpected, 0);
  const report = (name: string, ok: boolean, detail: string): ViralCheck => ({ name, ok, detail, fatal: false });
  const fatal = (name: string, ok: boolean, detail: string): ViralCheck => ({ name, ok, detail, fatal: true });
  return [
    report(
      `anonymous reads (list pages + counts) ≥ ${TARGETS.ceilingRatio}× the static ceiling`,
      ratio >= TARGETS.ceilingRatio,
      `${fixed(views.reqPerSec, 0)} vs ${fixed(ceiling.reqPerSec, 0)} req/s on as many connections = ${fixed(ratio, 3)}×${writers > 0 ? ", writers posting meanwhile" : ""} (list page 1: ${fixed(list.reqPerSec, 0)} req/s of them)`,
    ),
    report(
      `D1 calls per 1,000 anonymous views ≤ ${TARGETS.d1CallsPer1000}`,
      (views.d1CallsPer1000 ?? 0) <= TARGETS.d1CallsPer1000,
      `${fixed(views.d1Calls, 0)} calls (${views.d1CallsSeen} seen in answers, the rest background refreshes) for ${views.requests} views = ${fixed(views.d1CallsPer1000 ?? 0)}`,
    ),
    report(
      `D1 calls per freshness window (5 s, one isolate) ≤ ${TARGETS.d1CallsPerWindow}`,
      views.d1CallsPerWindow <= TARGETS.d1CallsPerWindow,
      `${fixed(views.d1CallsPerWindow)} (list page 1 ${fixed(list.d1CallsPerWindow)}, next page ${fixed(rows.next.d1CallsPerWindow)}, counts ${fixed(rows.counts.d1CallsPerWindow)})`,
    ),
    report(
      `list page 1 p99 ≤ ${TARGETS.p99OverP50}× p50 under the viral load`,
      list.p99 <= TARGETS.p99OverP50 * list.p50,
      `p50 ${fixed(list.p50, 1)} ms, p99 ${fixed(list.p99, 1)} ms = ${fixed(list.p99OverP50)}× (the static ceiling's own: ${fixed(ceiling.p99OverP50)}×)`,
    ),
    fatal("zero 5xx", errors5xx === 0, `${errors5xx} answers ≥ 500`),
    fatal("every read answered 200, every post answered", badReads + c.unanswered === 0, `${badReads} other reads, ${c.unanswered} posts without an answer`),
    ...(writers > 0
      ? [fatal("writers' posts published", c.accepted > 0, `${c.accepted} published, ${c.held} held, ${JSON.stringify(c.refused)} refused`)]
      : []),
    fatal(
      "nothing lost",
      c.lost.length === 0,
      c.lost.length ? c.lost.slice(0, 5).join("; ") : `${c.visible} of ${c.accepted} seen by anonymous readers and in the final listing`,
    ),
    fatal(
      "nothing doubled",
      c.doubled.length === 0,
      c.doubled.length ? c.doubled.slice(0, 5).join("; ") : "no comment or post twice on a page, across a next page or in the listing",
    ),
    fatal(
      "held or refused posts never shown",
      c.shownWrongly.length === 0,
      c.shownWrongly.length ? c.shownWrongly.slice(0, 5).join("; ") : `${c.held} held posts stayed hidden`,
    ),
    fatal(
      `every post visible to anonymous readers within ${VISIBILITY_BOUND_S} s`,
      c.visibilityS.max <= VISIBILITY_BOUND_S,
      `p50 ${fixed(c.visibilityS.p50, 1)} s, p99 ${fixed(c.visibilityS.p99, 1)} s, max ${fixed(c.visibilityS.max, 1)} s`,
    ),
  ];
}

const percent = (share: number | undefined) => (share === undefined ? "-" : `${(share * 100).toFixed(0)}%`);

/** The viral rows as a fixed-width table, one kind of request a line. */
export function formatViralTable(rows: Row[]): string {
  const head = [
    "viral scenario",
    "requests",
    "req/s",
    "p50 ms",
    "p99 ms",
    "p99/p50",
    "5xx",
    "D1 seen",
    "D1 +refresh",
    "/1,000 views",
    "/5 s",
    "HIT",
    "STALE",
    "MISS",
  ];
  const lines = rows.map((r) => [
    r.name,
    String(r.requests),
    fixed(r.reqPerSec, 0),
    fixed(r.p50, 1),
    fixed(r.p99, 1),
    fixed(r.p99OverP50, 1),
    String(r.errors5xx),
    String(r.d1CallsSeen),
    fixed(r.d1Calls, 0),
    r.d1CallsPer1000 === null ? "-" : fixed(r.d1CallsPer1000),
    fixed(r.d1CallsPerWindow, 1),
    percent(r.cache?.HIT),
    percent(r.cache?.STALE),
    percent(r.cache?.MISS),
  ]);
  return fixedWidthTable(head, lines);
}

export function formatViralChecks(checks: ViralCheck[]): string {
  return checks.map((c) => `${c.ok ? "PASS" : "FAIL"}${c.fatal ? "" : " (reported only)"}  ${c.name}: ${c.detail}`).join("\n");
}
