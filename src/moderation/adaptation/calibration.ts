/** A comment of the site's recent past: the score it was given and whether it turned out abusive. */
export interface Observation {
  score: number;
  abusive: boolean;
}

/**
 * Labels a site needs before its own decisions set the hold threshold: 200 decisions, at least
 * 30 of each kind. Fewer, and one busy afternoon of spam would move the threshold; below 30 of
 * a class, precision at the top of the range rests on a handful of comments.
 */
export const MIN_LABELS = 200;
export const MIN_PER_CLASS = 30;
/**
 * The window a site's threshold is calibrated on: its latest 1000 labels, and the published
 * comments nobody reviewed since the oldest of them (at most 5000), presumed clean: without
 * them every threshold below the current one would look precise, since only the abusive
 * comments under it (removed after publication) get labels.
 */
export const WINDOW_LABELS = 1000;
export const WINDOW_UNREVIEWED = 5000;
/** A threshold must hold back at least this many comments of the window to count as measured. */
const MIN_FLAGGED = 10;

/**
 * Labels before a site's learnt correction is applied at all: a moderator's first few clicks
 * (three rejected comments that all say "comment") must not teach the site a word.
 */
export const MIN_LABELS_TO_APPLY = 50;

export const hasEnoughLabels = (abusive: number, clean: number) => abusive + clean >= MIN_LABELS && abusive >= MIN_PER_CLASS && clean >= MIN_PER_CLASS;

/**
 * The lowest threshold at which the comments scored at or above it are abusive at least
 * `target` of the time. When none is, the most precise one: holding less is closer to what the
 * site asked for than the shared model's threshold. Null when too few comments lie above any
 * threshold to tell.
 *
 * @example thresholdForPrecision([{ score: 0.9, abusive: true }, ...], 0.9) // 0.62
 */
export function thresholdForPrecision(observations: readonly Observation[], target: number): number | null {
  const sorted = [...observations].sort((a, b) => b.score - a.score);
  let flagged = 0;
  let abusive = 0;
  let best: number | null = null;
  let mostPrecise: { threshold: number; precision: number } | null = null;
  for (let i = 0; i < sorted.length; i++) {
    flagged++;
    if (sorted[i]!.abusive) abusive++;
    // Only between distinct scores: a threshold holds every comment with the same score.
    if (i + 1 < sorted.length && sorted[i + 1]!.score === sorted[i]!.score) continue;
    if (flagged < MIN_FLAGGED) continue;
    const precision = abusive / flagged;
    if (precision >= target) best = sorted[i]!.score;
    if (!mostPrecise || precision > mostPrecise.precision) mostPrecise = { threshold: sorted[i]!.score, precision };
  }
  return best ?? mostPrecise?.threshold ?? null;
}

export interface Estimate {
  precision: number | null;
  recall: number | null;
  /** Comments the estimate rests on, and the abusive ones among them. */
  observed: number;
  abusive: number;
}

/** Precision and recall of holding at `threshold`, over the observations (null when undefined). */
export function estimateAt(observations: readonly Observation[], threshold: number): Estimate {
  let tp = 0;
  let fp = 0;
  let positives = 0;
  for (const o of observations) {
    if (o.abusive) positives++;
    if (o.score >= threshold) o.abusive ? tp++ : fp++;
  }
  return {
    precision: tp + fp === 0 ? null : tp / (tp + fp),
    recall: positives === 0 ? null : tp / positives,
    observed: observations.length,
    abusive: positives,
  };
}
