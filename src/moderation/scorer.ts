/**
 * The classifier seam: a toxicity score 0..1 for a comment, or null when no scorer is
 * configured. The built-in classifier and optional external scorers plug in here.
 */
export interface ToxicityScorer {
  score(text: string): Promise<number | null>;
}

export const noScorer: ToxicityScorer = { score: async () => null };

let current: ToxicityScorer = noScorer;

/** The scorer the pipeline uses (tests and the classifier module may replace it). */
export const scorer = () => current;
export function setScorer(next: ToxicityScorer): void {
  current = next;
}
