import type { Features } from "../classifier/features";
import { correction, FOLD_BITS, FOLD_SIZE, type SiteModel, sigmoid } from "./siteModel";

/** Adagrad's running sums of squared gradients, one per weight plus the bias (`scaleSquared`: kept in the row, unused). */
export interface LearnerState {
  squared: Float32Array;
  biasSquared: number;
  scaleSquared: number;
}

export function blankLearner(): LearnerState {
  return { squared: new Float32Array(FOLD_SIZE), biasSquared: 0, scaleSquared: 0 };
}

/** One moderator label, as the learner sees it: the comment's base logit and features. */
export interface LabelledExample {
  baseLogit: number;
  features: Features;
  abusive: boolean;
  /** How much the label counts (1: a moderator's; less for a comment only presumed clean). */
  weight?: number;
}

/**
 * Step size: Adagrad's first step on a feature moves its weight by about `RATE` whatever the
 * feature's value, so one label moves the logit by about `RATE · Σ|xᵢ|` ≈ `RATE · √n` for a text
 * of n features. The base model's richer features (skeletons, jamo 3-4-grams: about three times
 * as many a text) made the old rate 0.5 overshoot. 0.25 was chosen by `npm run eval:adaptation
 * -- --tune` (the K-MHaS train split; 0.2–0.3 within a point of it, see README); L2 keeps a
 * weight learnt from one label from growing without bound.
 */
const RATE = 0.25;
const L2 = 1e-4;

/**
 * How much a published comment nobody reviewed or reported counts when learnt as clean. A
 * queue's moderators label held comments and abusive published ones, never the clean published
 * ones: learning only their labels, a site learns that everything is more abusive than the base
 * thinks (below the threshold every label says abusive). The comments they let stand are the
 * missing negatives, presumed clean as the calibration presumes them, and weighted down since
 * some were merely never read. 0.3 on the K-MHaS train split (0.3 and 1 within a point).
 */
export const PRESUMED_CLEAN_WEIGHT = 0.3;

/**
 * Learns one label online (one Adagrad step of logistic loss on the weights and the bias), in
 * place. `direction` -1 takes the step back the other way: a reversed decision unlearns its old
 * label before the new one is learnt (not an exact undo, since other labels came between, but
 * the same push reversed).
 *
 * @example learn(model, learner, { baseLogit: 0.3, features, abusive: true })
 */
export function learn(model: SiteModel, learner: LearnerState, example: LabelledExample, direction: 1 | -1 = 1): void {
  const { indices, values } = example.features;
  const z = model.scale * example.baseLogit + model.bias + correction(model, example.features);
  const error = (sigmoid(z) - (example.abusive ? 1 : 0)) * direction * (example.weight ?? 1);
  const w = model.weights;
  const squared = learner.squared;
  for (let k = 0; k < indices.length; k++) {
    const h = Math.imul(indices[k]!, 0x9e3779b1);
    const slot = h >>> (32 - FOLD_BITS);
    const x = h & 0x4000 ? -values[k]! : values[k]!;
    const g = error * x + L2 * w[slot]!;
    squared[slot]! += g * g;
    w[slot]! -= (RATE * g) / (Math.sqrt(squared[slot]!) + 1e-6);
  }
  learner.biasSquared += error * error;
  model.bias -= (RATE * error) / (Math.sqrt(learner.biasSquared) + 1e-6);
  // The scale on the base logit is not learnt (it stays as stored, 1 for every new site): a
  // queue's labels are a biased sample — below the threshold only abusive comments get one —
  // so a learnt scale mostly learnt "trust the base less", which cost 6–13 points of recall at
  // precision 0.9 on the train split.
}
