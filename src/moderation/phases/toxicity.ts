import type { Phase } from "../types";

/** Holds comments the classifier scores at or above the site's hold threshold (a borderline verdict). */
export const toxicity: Phase = (input) => {
  if (input.toxicity === null || input.toxicity < input.holdThreshold) return [];
  return [{ source: "toxicity", action: "hold", code: "toxic", detail: `score ${input.toxicity.toFixed(2)}`, borderline: true }];
};
