import type { Features } from "../classifier/features";
import { blankCounts, countLabel, type LabelCounts, normalisers, ratioAt, scaledByRatios } from "./labelCounts";
import { FOLD_BITS, FOLD_SIZE, type SiteModel, sigmoid } from "./siteModel";

/**
 * What the learner keeps beside the site's model: its own weights (before the Naive Bayes
 * ratios scale them into the model's), Adagrad's running sums of squared gradients, one per
 * weight plus the bias (`scaleSquared`: kept in the row, unused), and the label counts.
 */
export interface LearnerState {
  weights: Float32Array;
  squared: Float32Array;
  biasSquared: number;
  scaleSquared: number;
  counts: LabelCounts;
}

export function blankLearner(): LearnerState {
  return { weights: new Float32Array(FOLD_SIZE), squared: new Float32Array(FOLD_SIZE), biasSquared: 0, scaleSquared: 0, counts: blankCounts() };
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
 * of n features. 0.25 was chosen by `npm run eval:adaptation -- --tune` (the K-MHaS train split;
 * 0.15–0.4 within a point, see README); L2 keeps a weight learnt from one label from growing
 * without bound.
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
 * How many stored labels are learnt again for each new one: a few passes over the site's
 * recent labels, spread over its updates, as a batch learner would make. With the ratios, on
 * the K-MHaS train split (five orders of its stream): +5.8 → +7.9 points at 500 decisions
 * (`queue`), +4.5 → +6.4 (`every`); neither the ratios nor the revisits alone gained (2 and 8 within a point of 4).
 */
export const REVISITS_PER_LABEL = 4;

/**
 * Learns one label online, in place: its features counted into the label counts, then one
 * Adagrad step of logistic loss on the learner's weights and the bias, each feature scaled by
 * its slot's ratio (NB-LR: slots that tell the site's classes apart learn fastest, slots both
 * classes carry hardly move). `direction` -1 takes it back: a reversed decision unlearns its
 * old label before the new one is learnt (not an exact undo, since other labels came between,
 * but the same push reversed). The model's weights of the slots it touched follow at once;
 * `settle` brings every slot in line with the new counts (the end of an update).
 *
 * @example learn(model, learner, { baseLogit: 0.3, features, abusive: true })
 */
export function learn(model: SiteModel, learner: LearnerState, example: LabelledExample, direction: 1 | -1 = 1): void {
  const weight = example.weight ?? 1;
  if (direction === 1) countLabel(learner.counts, example.features, example.abusive, weight, 1);
  step(model, learner, example, direction);
  if (direction === -1) countLabel(learner.counts, example.features, example.abusive, weight, -1);
}

/** Learns a label already counted once more (a stored label revisited): the step alone. */
export function revisit(model: SiteModel, learner: LearnerState, example: LabelledExample): void {
  step(model, learner, example, 1);
}

function step(model: SiteModel, learner: LearnerState, example: LabelledExample, direction: 1 | -1): void {
  const { indices, values } = example.features;
  const { weights, squared, counts } = learner;
  const norm = normalisers(counts);
  const slots = new Int32Array(indices.length);
  const ratios = new Float32Array(indices.length);
  const scaled = new Float32Array(indices.length);
  let z = model.scale * example.baseLogit + model.bias;
  for (let k = 0; k < indices.length; k++) {
    const h = Math.imul(indices[k]!, 0x9e3779b1);
    const slot = h >>> (32 - FOLD_BITS);
    slots[k] = slot;
    ratios[k] = ratioAt(counts, slot, norm);
    scaled[k] = (h & 0x4000 ? -values[k]! : values[k]!) * ratios[k]!;
    z += weights[slot]! * scaled[k]!;
  }
  const error = (sigmoid(z) - (example.abusive ? 1 : 0)) * direction * (example.weight ?? 1);
  for (let k = 0; k < slots.length; k++) {
    const slot = slots[k]!;
    const g = error * scaled[k]! + L2 * weights[slot]!;
    squared[slot]! += g * g;
    weights[slot]! -= (RATE * g) / (Math.sqrt(squared[slot]!) + 1e-6);
    model.weights[slot] = weights[slot]! * ratios[k]!;
  }
  learner.biasSquared += error * error;
  model.bias -= (RATE * error) / (Math.sqrt(learner.biasSquared) + 1e-6);
  // The scale on the base logit is not learnt (it stays as stored, 1 for every new site): a
  // queue's labels are a biased sample — below the threshold only abusive comments get one —
  // so a learnt scale mostly learnt "trust the base less", which cost 6–13 points of recall at
  // precision 0.9 on the train split.
}

/** The model's weights from the learner's, every slot scaled by its ratio under the counts as they now stand. */
export function settle(model: SiteModel, learner: LearnerState): void {
  scaledByRatios(learner.weights, learner.counts, model.weights);
}
