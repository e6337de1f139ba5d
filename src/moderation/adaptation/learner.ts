import type { Features } from "../classifier/features";
import { correction, FOLD_BITS, FOLD_SIZE, type SiteModel, sigmoid } from "./siteModel";

/** Adagrad's running sums of squared gradients, one per weight plus the bias and the scale. */
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
}

/**
 * Step sizes: Adagrad's first step on a feature moves it by about `RATE`, so an n-gram seen once
 * in a rejected comment already counts. Chosen by `npm run eval:adaptation` on the K-MHaS train
 * split (see README); L2 keeps a weight learnt from one label from growing without bound.
 */
const RATE = 0.5;
const SCALE_RATE = 0.05;
const L2 = 1e-4;
/** The scale on the base logit stays positive and bounded: a site can trust the base less, never invert it. */
const SCALE_RANGE = [0.2, 2] as const;

/**
 * Learns one label online (one Adagrad step of logistic loss), in place. `direction` -1 takes
 * the step back the other way: a reversed decision unlearns its old label before the new one
 * is learnt (not an exact undo, since other labels came between, but the same push reversed).
 *
 * @example learn(model, learner, { baseLogit: 0.3, features, abusive: true })
 */
export function learn(model: SiteModel, learner: LearnerState, example: LabelledExample, direction: 1 | -1 = 1): void {
  const { indices, values } = example.features;
  const z = model.scale * example.baseLogit + model.bias + correction(model, example.features);
  const error = (sigmoid(z) - (example.abusive ? 1 : 0)) * direction;
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
  const gs = error * example.baseLogit;
  learner.scaleSquared += gs * gs;
  const scale = model.scale - (SCALE_RATE * gs) / (Math.sqrt(learner.scaleSquared) + 1e-6);
  model.scale = Math.min(SCALE_RANGE[1], Math.max(SCALE_RANGE[0], scale));
}
