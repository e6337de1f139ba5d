import type { FeatureConfig, Features } from "./features";

/** A trained model as committed in `model.ts` and `model.bin` (written by `npm run train:classifier`). */
export interface ModelData {
  version: 1;
  features: FeatureConfig;
  /** Intercept of the logistic regression. */
  bias: number;
  /** Largest weight magnitude; a stored byte q means `sign(q) * (|q| / 127)² * maxWeight`. */
  maxWeight: number;
  /** Default toxic threshold, chosen on the validation split for precision ≥ 0.85. */
  threshold: number;
  /** One signed byte per hash bucket: a view over `model.bin`, not a copy. */
  weights: Int8Array;
  /** What it was trained on and how, for people reading the file. */
  notes: string;
}

/**
 * Weights stored as one byte with square-root companding: small weights, which are most of
 * them, keep more resolution than a linear scale would give them.
 */
export function quantise(weight: number, maxWeight: number): number {
  if (maxWeight === 0) return 0;
  const q = Math.round(127 * Math.sqrt(Math.min(1, Math.abs(weight) / maxWeight)));
  return weight < 0 ? -q : q;
}

/** The weight each of the 256 byte values stands for, indexed by `byte + 128`. */
function dequantisationTable(maxWeight: number): Float64Array {
  const table = new Float64Array(256);
  for (let q = -128; q <= 127; q++) table[q + 128] = Math.sign(q) * (Math.min(127, Math.abs(q)) / 127) ** 2 * maxWeight;
  return table;
}

/** A model ready to score: the bytes and what they mean. */
export interface LoadedModel {
  data: ModelData;
  bytes: Int8Array;
  table: Float64Array;
}

export function loadModel(data: ModelData): LoadedModel {
  const bytes = data.weights;
  if (bytes.length !== 1 << data.features.hashBits) throw new Error(`classifier model has ${bytes.length} weights, expected 2^${data.features.hashBits}`);
  return { data, bytes, table: dequantisationTable(data.maxWeight) };
}

/** The model's log-odds that a comment with these features is toxic (a per-site layer adds to it). */
export function logit(model: LoadedModel, { indices, values }: Features): number {
  let z = model.data.bias;
  for (let i = 0; i < indices.length; i++) z += model.table[model.bytes[indices[i]!]! + 128]! * values[i]!;
  return z;
}

/** Probability (0..1) that a comment with these features is toxic. */
export function probability(model: LoadedModel, features: Features): number {
  return 1 / (1 + Math.exp(-logit(model, features)));
}
