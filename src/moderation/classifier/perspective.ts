import { DEFAULT_TOXICITY_THRESHOLD, type ClassifierScore } from "./classify";
import type { ExternalScorer } from "./fallback";

const ENDPOINT = "https://commentanalyzer.googleapis.com/v1alpha1/comments:analyze";

interface PerspectiveAnswer {
  attributeScores?: { TOXICITY?: { summaryScore?: { value?: number } } };
}

/**
 * Google's Perspective API as a scorer (`PERSPECTIVE_API_KEY`). Only TOXICITY is asked for:
 * it covers the most languages, and asking for an attribute a language lacks fails the whole
 * request. Comments are sent with `doNotStore`.
 *
 * @example withFallback(perspective(env.PERSPECTIVE_API_KEY), score)
 */
export function perspective(apiKey: string, fetcher: typeof fetch = fetch): ExternalScorer {
  return async (text, signal) => {
    const res = await fetcher(ENDPOINT, {
      method: "POST",
      // The key in a header, not the URL, so it stays out of logs.
      headers: { "content-type": "application/json", "x-goog-api-key": apiKey },
      body: JSON.stringify({ comment: { text }, requestedAttributes: { TOXICITY: {} }, doNotStore: true }),
      signal,
    });
    if (!res.ok) throw new Error(`Perspective answered ${res.status}`);
    const toxic = ((await res.json()) as PerspectiveAnswer).attributeScores?.TOXICITY?.summaryScore?.value;
    if (typeof toxic !== "number") throw new Error("Perspective answered without a TOXICITY score");
    const score: ClassifierScore = { toxic, spam: 0, labels: toxic >= DEFAULT_TOXICITY_THRESHOLD ? ["toxic"] : [] };
    return score;
  };
}
