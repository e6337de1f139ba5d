/** One request's outcome: its latency and what the Worker's D1 meter reported. */
interface Sample {
  ms: number;
  rowsRead: number;
  rowsWritten: number;
  queries: number;
}

export interface LoadOptions {
  requests: number;
  concurrency: number;
  /** Stop starting new requests after this long, whatever is left of `requests`. */
  maxSeconds: number;
  expectStatus: number;
}

export interface LoadResult {
  requests: number;
  seconds: number;
  reqPerSec: number;
  rowsRead: { mean: number; max: number };
  rowsWritten: { mean: number; max: number };
  queries: { mean: number; max: number };
  latencyMs: { p50: number; p95: number };
}

/** Sends request `i` and returns its response; the runner reads the body. */
export type Send = (i: number) => Promise<Response>;

const header = (res: Response, name: string) => {
  const value = res.headers.get(name);
  // The headers are the point of the bench: without them every number would silently be 0.
  if (value === null) throw new Error(`${res.url} answered without ${name}: is D1_METERING on?`);
  return Number(value);
};

const stat = (values: number[]) => ({ mean: values.reduce((a, b) => a + b, 0) / Math.max(1, values.length), max: Math.max(0, ...values) });

/** The `p`th percentile (nearest rank) of ascending `sorted`; 0 when empty. */
export function percentile(sorted: number[], p: number): number {
  if (sorted.length === 0) return 0;
  return sorted[Math.min(sorted.length - 1, Math.ceil((p / 100) * sorted.length) - 1)]!;
}

/**
 * Runs up to `requests` requests with `concurrency` in flight, each index once, and fails on
 * the first unexpected status (its body says why). `onBody` sees each response's text, e.g.
 * to collect the ids of created comments.
 *
 * @example
 * const result = await runLoad((i) => fetch(url), { requests: 300, concurrency: 8, maxSeconds: 20, expectStatus: 200 });
 */
export async function runLoad(send: Send, options: LoadOptions, onBody?: (text: string, i: number) => void): Promise<LoadResult> {
  const samples: Sample[] = [];
  let next = 0;
  const started = performance.now();
  const deadline = started + options.maxSeconds * 1000;

  async function worker() {
    while (next < options.requests && performance.now() < deadline) {
      const i = next++;
      const t0 = performance.now();
      const res = await send(i);
      const text = await res.text();
      const ms = performance.now() - t0;
      if (res.status !== options.expectStatus) {
        throw new Error(`${res.url} answered ${res.status} (expected ${options.expectStatus}): ${text.slice(0, 500)}`);
      }
      samples.push({ ms, rowsRead: header(res, "X-D1-Rows-Read"), rowsWritten: header(res, "X-D1-Rows-Written"), queries: header(res, "X-D1-Queries") });
      onBody?.(text, i);
    }
  }

  await Promise.all(Array.from({ length: options.concurrency }, worker));
  const seconds = (performance.now() - started) / 1000;
  const latencies = samples.map((s) => s.ms).sort((a, b) => a - b);
  return {
    requests: samples.length,
    seconds,
    reqPerSec: samples.length / seconds,
    rowsRead: stat(samples.map((s) => s.rowsRead)),
    rowsWritten: stat(samples.map((s) => s.rowsWritten)),
    queries: stat(samples.map((s) => s.queries)),
    latencyMs: { p50: percentile(latencies, 50), p95: percentile(latencies, 95) },
  };
}
