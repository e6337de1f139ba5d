import { fromHalf, toHalf } from "./float16";
import { blankCounts, type LabelCounts, recountTotals } from "./labelCounts";
import { blankLearner, type LearnerState } from "./learner";
import { FOLD_SIZE } from "./siteModel";
import { asBytes, type Blob } from "./storedBytes";

/**
 * The learner's state as its column stores it, beside its weights (the `weights` column): the
 * abusive and clean label counts, then Adagrad's sums (half floats: 0.1% is plenty for them),
 * then the revisits' cursor (Float64: the decision time of the last stored label revisited).
 * 96 KB; with the 64 KB of weights and the 1000 stored labels, under 256 KB a site. Scoring
 * reads the counts alone (`COUNTS_BYTES` from the start): they scale the weights it applies.
 */
export const COUNTS_BYTES = FOLD_SIZE * 2 * 2;
const SQUARED_AT = COUNTS_BYTES;
const CURSOR_AT = SQUARED_AT + FOLD_SIZE * 2;
export const LEARNER_BYTES = CURSOR_AT + 8;

export function learnerBlob(learner: LearnerState, revisitedUntil: number): Uint8Array {
  const bytes = new Uint8Array(LEARNER_BYTES);
  const view = new DataView(bytes.buffer);
  const { squared, counts } = learner;
  for (let s = 0; s < FOLD_SIZE; s++) {
    view.setUint16(s * 2, toHalf(counts.abusive[s]!), true);
    view.setUint16((FOLD_SIZE + s) * 2, toHalf(counts.clean[s]!), true);
    view.setUint16(SQUARED_AT + s * 2, toHalf(squared[s]!), true);
  }
  view.setFloat64(CURSOR_AT, revisitedUntil, true);
  return bytes;
}

/**
 * Rounds the learner's counts and sums, in place, to what `learnerBlob` stores (totals summed
 * again, as `storedCounts` sums them): the model this isolate applies after an update is then
 * exactly the one any other isolate reads back.
 */
export function roundAsStored(learner: LearnerState): void {
  const { squared, counts } = learner;
  for (let s = 0; s < FOLD_SIZE; s++) {
    squared[s] = fromHalf(toHalf(squared[s]!));
    counts.abusive[s] = fromHalf(toHalf(counts.abusive[s]!));
    counts.clean[s] = fromHalf(toHalf(counts.clean[s]!));
  }
  recountTotals(counts);
}

const asView = (blob: Blob) => {
  const bytes = asBytes(blob);
  return new DataView(bytes.buffer, bytes.byteOffset, bytes.byteLength);
};

/**
 * The label counts at the start of a stored learner state (the whole blob, or its first
 * `COUNTS_BYTES` as scoring reads them: only from a blob of this layout); blank for any other size.
 */
export function storedCounts(blob: Blob): LabelCounts {
  const view = asView(blob);
  const counts = blankCounts();
  if (view.byteLength !== LEARNER_BYTES && view.byteLength !== COUNTS_BYTES) return counts;
  for (let s = 0; s < FOLD_SIZE; s++) {
    counts.abusive[s] = fromHalf(view.getUint16(s * 2, true));
    counts.clean[s] = fromHalf(view.getUint16((FOLD_SIZE + s) * 2, true));
  }
  recountTotals(counts);
  return counts;
}

/**
 * The learner stored in a row: `weights` from the `weights` column, the rest from this blob and
 * the row's bias sums. A blob of another size (a reset's zeroes, or a row from before the label
 * counts) starts blank, weights included.
 */
export function storedLearner(blob: Blob, weights: Float32Array, biasSquared: number, scaleSquared: number): { learner: LearnerState; revisitedUntil: number } {
  const view = asView(blob);
  const learner = blankLearner();
  if (view.byteLength !== LEARNER_BYTES) return { learner, revisitedUntil: 0 };
  learner.weights = weights;
  learner.counts = storedCounts(blob);
  for (let s = 0; s < FOLD_SIZE; s++) learner.squared[s] = fromHalf(view.getUint16(SQUARED_AT + s * 2, true));
  learner.biasSquared = biasSquared;
  learner.scaleSquared = scaleSquared;
  return { learner, revisitedUntil: view.getFloat64(CURSOR_AT, true) };
}
