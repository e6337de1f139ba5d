import { MODEL } from "../classifier/model";
import type { ModelData } from "../classifier/weights";

/**
 * A 32-bit fingerprint of the base model a site's correction was learnt over: its feature
 * configuration (with the size of its guard), intercept, weight scale and a sample of its weight bytes (FNV-1a; every
 * `STRIDE`th byte: hashing all 256 KB costs ~30 ms of a cold isolate, and a retrained model
 * differs in its intercept already). A site's weights are a
 * correction to one model's logit over that model's hashed features; once the model is
 * retrained they mean nothing, so a stored correction is applied (or learnt further) only while
 * its fingerprint is the model's (`storedWeights`). The learner's generation is part of it too.
 * Computed once per isolate, on first use.
 *
 * @example modelFingerprint() === modelFingerprint(MODEL) // true
 */
export function modelFingerprint(model: ModelData = MODEL): number {
  if (model === MODEL && current !== undefined) return current;
  const { hashBits, maxN, normFloor } = model.features;
  const guarded = Object.keys(model.features.guard ?? {}).length;
  let h = fnv(0x811c9dc5, `${hashBits}/${maxN}/${normFloor}/${guarded}/${model.bias}/${model.maxWeight}${LEARNER}`);
  const bytes = model.weights;
  for (let i = 0; i < bytes.length; i += STRIDE) h = Math.imul(h ^ (bytes[i]! & 0xff), 0x01000193);
  const fingerprint = h >>> 0;
  if (model === MODEL) current = fingerprint;
  return fingerprint;
}

let current: number | undefined;
/**
 * The site learner's generation, when its state changed meaning (2: weights scaled by the label
 * counts' ratios): stored states of another one are relearnt as under a new base model.
 */
const LEARNER = "/learner 2";
const STRIDE = 61;

function fnv(h: number, text: string): number {
  for (let i = 0; i < text.length; i++) h = Math.imul(h ^ text.charCodeAt(i), 0x01000193);
  return h;
}
