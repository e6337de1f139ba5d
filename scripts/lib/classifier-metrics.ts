/** Binary classification figures for the toxic class. */

export interface Confusion {
  tp: number;
  fp: number;
  tn: number;
  fn: number;
}

export function confusionAt(scores: ArrayLike<number>, labels: readonly boolean[], threshold: number): Confusion {
  const c: Confusion = { tp: 0, fp: 0, tn: 0, fn: 0 };
  for (let i = 0; i < labels.length; i++) {
    const predicted = scores[i]! >= threshold;
    if (labels[i]) predicted ? c.tp++ : c.fn++;
    else predicted ? c.fp++ : c.tn++;
  }
  return c;
}

export function precisionRecallF1({ tp, fp, fn }: Confusion): { precision: number; recall: number; f1: number } {
  const precision = tp + fp === 0 ? 1 : tp / (tp + fp);
  const recall = tp + fn === 0 ? 0 : tp / (tp + fn);
  const f1 = precision + recall === 0 ? 0 : (2 * precision * recall) / (precision + recall);
  return { precision, recall, f1 };
}

/** Area under the ROC curve: the chance a random toxic example outscores a random ok one (ties count half). */
export function rocAuc(scores: ArrayLike<number>, labels: readonly boolean[]): number {
  const order = Array.from(labels.keys()).sort((a, b) => scores[a]! - scores[b]!);
  let positives = 0;
  let rankSum = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) j++;
    const averageRank = (i + j + 1) / 2; // ranks are 1-based
    for (let k = i; k < j; k++) {
      if (labels[order[k]!]) {
        positives++;
        rankSum += averageRank;
      }
    }
    i = j;
  }
  const negatives = labels.length - positives;
  if (positives === 0 || negatives === 0) return Number.NaN;
  return (rankSum - (positives * (positives + 1)) / 2) / (positives * negatives);
}

/**
 * The lowest threshold (so the highest recall) at which precision reaches `target`, among
 * the given candidate thresholds, or undefined when none does.
 */
export function lowestThresholdFor(target: number, candidates: readonly number[], precisionAt: (threshold: number) => number): number | undefined {
  return [...candidates].sort((a, b) => a - b).find((t) => precisionAt(t) >= target);
}

/**
 * The highest recall at which precision is still ≥ `target`, over every threshold the scores
 * allow (ties move together), and that threshold; recall 0 when no threshold reaches it.
 */
export function recallAtPrecision(scores: ArrayLike<number>, labels: readonly boolean[], target: number): { recall: number; threshold: number } {
  const order = Array.from(labels.keys()).sort((a, b) => scores[b]! - scores[a]!);
  const positives = labels.filter(Boolean).length;
  let best = { recall: 0, threshold: 1 };
  let tp = 0;
  let fp = 0;
  for (let i = 0; i < order.length; ) {
    let j = i;
    while (j < order.length && scores[order[j]!] === scores[order[i]!]) {
      if (labels[order[j]!]) tp++;
      else fp++;
      j++;
    }
    if (tp / (tp + fp) >= target && tp / positives > best.recall) best = { recall: tp / positives, threshold: scores[order[i]!]! };
    i = j;
  }
  return best;
}
