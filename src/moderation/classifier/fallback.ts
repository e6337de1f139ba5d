import type { ClassifierScore } from "./classify";

/**
 * A paid scorer outside the Worker (Perspective, Workers AI). It answers a score, or null when
 * it has no opinion on this text (Llama Guard's "safe" says nothing about plain insults), and
 * must give up when `signal` aborts.
 */
export type ExternalScorer = (text: string, signal: AbortSignal) => Promise<ClassifierScore | null>;

/** Posting waits for the score, so an external scorer gets this long before the built-in one answers instead. */
const EXTERNAL_TIMEOUT_MS = 300;

/** Rejects when the signal aborts, for calls that might not honour the signal themselves. */
function aborted(signal: AbortSignal): Promise<never> {
  return new Promise((_, reject) => {
    if (signal.aborted) reject(signal.reason);
    signal.addEventListener("abort", () => reject(signal.reason), { once: true });
  });
}

/**
 * Asks `external` first and falls back to `builtIn` when it fails, times out, or has no
 * opinion, so a scorer that is down or slow never blocks or breaks posting.
 *
 * @example
 * const score = withFallback(perspective(key), classify, 300);
 * await score("you idiot") // Perspective's score, or the built-in one after 300 ms
 */
export function withFallback(
  external: ExternalScorer,
  builtIn: (text: string, normalized?: string) => ClassifierScore,
  timeoutMs = EXTERNAL_TIMEOUT_MS,
): (text: string, normalized?: string) => Promise<ClassifierScore> {
  return async (text, normalized) => {
    const signal = AbortSignal.timeout(timeoutMs);
    try {
      const answer = await Promise.race([external(text, signal), aborted(signal)]);
      if (answer === null) return builtIn(text, normalized);
      if (!isScore(answer)) throw new Error("malformed score");
      return answer;
    } catch (error) {
      // Expected now and then (timeouts, quota, a language the service does not know);
      // logged for the operator, never surfaced to the author.
      console.warn("external scorer failed, using the built-in classifier:", error instanceof Error ? error.message : String(error));
    }
    return builtIn(text, normalized);
  };
}

/** A malformed answer (a changed API) counts as a failure rather than a bogus score. */
function isScore(s: ClassifierScore): boolean {
  const valid = (n: number) => typeof n === "number" && n >= 0 && n <= 1;
  return valid(s.toxic) && valid(s.spam) && Array.isArray(s.labels);
}
