import { percentile } from "./bench-load";
import type { Sample } from "./bench-viral-requests";

/** The edge cache's freshness window (FRESH_S in src/edge/edgeCache.ts): D1 calls are counted per window too. */
const FRESH_WINDOW_S = 5;

/** One line of the viral table. */
export interface Row {
  name: string;
  requests: number;
  reqPerSec: number;
  p50: number;
  p99: number;
  p99OverP50: number;
  errors5xx: number;
  /** Answers that were neither the expected status nor a 5xx; no answer at all counts here too. */
  unexpected: number;
  /** X-D1-Calls summed over the answers. */
  d1CallsSeen: number;
  /**
   * Plus the pages made by background refreshes, which no answer reports: a version of a page
   * (url + ETag) that no MISS made was made by a refresh (or before the load: an over-count of
   * at most one per URL). Exact while the writers keep changing the pages.
   */
  d1Calls: number;
  /** Per 1,000 answers; null for writes, which are not page views. */
  d1CallsPer1000: number | null;
  d1CallsPerWindow: number;
  /** Shares of X-Cache values; null where nothing is edge-cached. */
  cache: { HIT: number; STALE: number; MISS: number } | null;
}

/** Versions of pages (url + ETag) that reached readers without any MISS having made them. */
function refreshedVersions(samples: Sample[]): number {
  const missed = new Map<string, boolean>();
  for (const s of samples) {
    if (s.status !== 200 || !s.etag || s.cache === "") continue;
    const version = `${s.url} ${s.etag}`;
    missed.set(version, (missed.get(version) ?? false) || s.cache === "MISS");
  }
  return [...missed.values()].filter((m) => !m).length;
}

function cacheShares(samples: Sample[]): Row["cache"] {
  const cached = samples.filter((s) => s.cache !== "");
  if (cached.length === 0) return null;
  const share = (state: string) => cached.filter((s) => s.cache === state).length / cached.length;
  return { HIT: share("HIT"), STALE: share("STALE"), MISS: share("MISS") };
}

/**
 * A table row from one kind of request over `seconds`. `expect` is the status a reader should
 * get; `views` says whether the answers are page views (D1 calls per 1,000 of them).
 *
 * @example
 * rowOf("viral counts", samples.filter((s) => s.route === "counts"), 15, { expect: [200], views: true });
 */
export function rowOf(name: string, samples: Sample[], seconds: number, { expect, views }: { expect: number[]; views: boolean }): Row {
  const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
  const [p50, p99] = [percentile(latencies, 50), percentile(latencies, 99)];
  const d1CallsSeen = samples.reduce((sum, s) => sum + s.d1Calls, 0);
  const misses = samples.filter((s) => s.cache === "MISS");
  // What one make costs, as the MISS answers report it (1 for a page made in one round trip).
  const callsPerMake = misses.length ? misses.reduce((sum, s) => sum + s.d1Calls, 0) / misses.length : 1;
  const d1Calls = d1CallsSeen + refreshedVersions(samples) * callsPerMake;
  return {
    name,
    requests: samples.length,
    reqPerSec: samples.length / seconds,
    p50,
    p99,
    p99OverP50: p50 > 0 ? p99 / p50 : 0,
    errors5xx: samples.filter((s) => s.status >= 500).length,
    unexpected: samples.filter((s) => s.status < 500 && !expect.includes(s.status)).length,
    d1CallsSeen,
    d1Calls,
    d1CallsPer1000: views ? (d1Calls / Math.max(1, samples.length)) * 1000 : null,
    d1CallsPerWindow: d1Calls / (seconds / FRESH_WINDOW_S),
    cache: cacheShares(samples),
  };
}
