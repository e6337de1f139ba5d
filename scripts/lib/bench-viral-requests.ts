/** What the viral scenario asks for; each is a row of its table. */
export type Route = "ceiling" | "list" | "next" | "counts" | "watch" | "post";

/** One request's outcome, as the viral report needs it. */
export interface Sample {
  route: Route;
  /** 0 when no answer came at all (connection refused or reset). */
  status: number;
  ms: number;
  /** When the answer was read (performance.now()): visibility is timed from it. */
  doneAt: number;
  /** X-Cache (HIT, STALE, MISS) on edge-cached routes, "" elsewhere. */
  cache: string;
  /** X-D1-Calls: what this request paid D1; a background refresh's calls never show here. */
  d1Calls: number;
  /** One (url, ETag) is one version of a page, i.e. one make: how refreshes are counted. */
  url: string;
  etag: string;
}

export interface Answer {
  sample: Sample;
  text: string;
}

/**
 * Sends one request, reads its body and records the outcome in `samples`.
 *
 * @example
 * const { sample, text } = await timed(samples, "counts", url, () => fetch(baseUrl + url));
 */
export async function timed(samples: Sample[], route: Route, url: string, send: () => Promise<Response>): Promise<Answer> {
  const t0 = performance.now();
  let res: Response;
  let text: string;
  try {
    res = await send();
    text = await res.text();
  } catch {
    // A reader left without an answer is a failure to report (status 0), not a reason to stop
    // the load: the other readers' figures are what tells how the server coped.
    const doneAt = performance.now();
    const sample: Sample = { route, status: 0, ms: doneAt - t0, doneAt, cache: "", d1Calls: 0, url, etag: "" };
    samples.push(sample);
    return { sample, text: "" };
  }
  const doneAt = performance.now();
  const sample: Sample = {
    route,
    status: res.status,
    ms: doneAt - t0,
    doneAt,
    cache: res.headers.get("X-Cache") ?? "",
    d1Calls: Number(res.headers.get("X-D1-Calls") ?? 0),
    url,
    etag: res.headers.get("ETag") ?? "",
  };
  samples.push(sample);
  return { sample, text };
}

/** Runs `count` loops side by side, each calling `step(i)` again until `deadline` (performance.now()). */
export async function loopUntil(deadline: number, count: number, step: (i: number) => Promise<void>): Promise<void> {
  await Promise.all(
    Array.from({ length: count }, async (_, i) => {
      while (performance.now() < deadline) await step(i);
    }),
  );
}
