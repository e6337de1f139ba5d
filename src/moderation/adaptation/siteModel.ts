import type { Features } from "../classifier/features";

/**
 * A site's correction to the shared model: a logistic layer over the base model's hashed
 * features folded into a smaller table, plus a scale on the base logit and a bias (the site's
 * calibration). The site's logit is `scale · baseLogit + bias + Σ weights[fold(i)] · value`;
 * its weights are the learner's, each scaled by its slot's label-count ratio (`learner.ts`).
 */
export interface SiteModel {
  weights: Float32Array;
  bias: number;
  scale: number;
}

/** 2^14 buckets: 64 KB of Float32 weights (and 96 KB of learner state beside them), under 256 KB a site with its labels. */
export const FOLD_BITS = 14;
export const FOLD_SIZE = 1 << FOLD_BITS;
/** Base probabilities are clamped before the logit: a saturated external score stays finite. */
const EDGE = 1e-6;

/** A site that has learnt nothing: exactly the base model. */
export function blankSiteModel(): SiteModel {
  return { weights: new Float32Array(FOLD_SIZE), bias: 0, scale: 1 };
}

export function logit(p: number): number {
  const q = Math.min(1 - EDGE, Math.max(EDGE, p));
  return Math.log(q / (1 - q));
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

/**
 * A base bucket's place in the folded table, and the sign its value takes there (signed
 * folding: buckets that share a slot tend to cancel rather than pile up). Fibonacci hashing
 * of the base index: its top bits are the slot, a low bit the sign.
 */
export function foldedSlot(baseIndex: number): number {
  return Math.imul(baseIndex, 0x9e3779b1) >>> (32 - FOLD_BITS);
}
export function foldedSign(baseIndex: number): number {
  return Math.imul(baseIndex, 0x9e3779b1) & 0x4000 ? -1 : 1;
}

/** What the site's own weights add to a comment's logit. */
function correction(model: SiteModel, { indices, values }: Features): number {
  let z = 0;
  const w = model.weights;
  for (let k = 0; k < indices.length; k++) {
    const h = Math.imul(indices[k]!, 0x9e3779b1);
    const v = h & 0x4000 ? -values[k]! : values[k]!;
    z += w[h >>> (32 - FOLD_BITS)]! * v;
  }
  return z;
}

/**
 * The site's probability that a comment is abusive, from the base model's probability and the
 * comment's features (`extractFeatures(text, MODEL.features, normalized)`).
 *
 * @example siteProbability(blankSiteModel(), 0.8, features) // 0.8: nothing learnt yet
 */
export function siteProbability(model: SiteModel, baseProbability: number, features: Features): number {
  return sigmoid(model.scale * logit(baseProbability) + model.bias + correction(model, features));
}
