import type { Phase } from "../types";

/** Holds comments the classifier scores at or above the site's threshold (a borderline verdict). */
export const toxicity: Phase = (input) => {
  if (input.toxicity === null || input.toxicity < input.settings.toxicityThreshold) return [];
  return [{ source: "toxicity", action: "hold", code: "toxic", detail: `score ${input.toxicity.toFixed(2)}`, borderline: true }];
};
