import type { FeatureConfig, Features } from "./features";

/** A trained model as committed in `model.ts` and `model.bin` (written by `npm run train:classifier`). */
export interface ModelData {
  version: 2;
  features: FeatureConfig;
  /** Intercept of the logistic regression. */
  bias: number;
  /**
   * The weight the largest code stands for: a code q (-7..7) means `sign(q) * (|q| / 7)² * maxWeight`.
   * The few weights beyond it (the top 0.01%: slurs and list words) are stored exactly instead
   * (code -8 and an entry after the codes), so the codes keep their resolution for the rest.
   */
  maxWeight: number;
  /** Default toxic threshold, chosen on the validation split for precision ≥ 0.85. */
  threshold: number;
  /**
   * `model.bin`: two 4-bit codes per byte (bucket 2k in the low half, 2k + 1 in the high half),
   * each stored as code + 8, then the exact weights of code -8's buckets (uint32 bucket, float32
   * weight, little-endian). A view, not a copy. Four bits lose nothing measurable against one
   * byte (validation AUC within 0.001) and buy four times the buckets, so fewer n-grams collide.
   */
  weights: Uint8Array;
  /** What it was trained on and how, for people reading the file. */
  notes: string;
}

/** The largest code: a weight is stored as one of -7..7, or as -8 when it is stored exactly. */
const LEVELS = 7;
const EXACT = -8;
const EXACT_ENTRY_BYTES = 8;

/**
 * A weight as a 4-bit code with square-root companding: small weights, which are most of
 * them, keep more resolution than a linear scale would give them.
 */
function quantise(weight: number, maxWeight: number): number {
  if (maxWeight === 0) return 0;
  const q = Math.round(LEVELS * Math.sqrt(Math.min(1, Math.abs(weight) / maxWeight)));
  return weight < 0 ? -q : q;
}

/**
 * `model.bin`'s bytes for these weights: each as a code (see {@link quantise}), those larger
 * than `maxWeight` as code -8 and an exact entry.
 */
export function packWeights(weights: Float64Array, maxWeight: number): Uint8Array {
  const exact = [...weights.keys()].filter((i) => Math.abs(weights[i]!) > maxWeight);
  const codesLength = Math.ceil(weights.length / 2);
  const bytes = new Uint8Array(codesLength + exact.length * EXACT_ENTRY_BYTES);
  for (const [i, w] of weights.entries()) {
    const code = Math.abs(w) > maxWeight ? EXACT : quantise(w, maxWeight);
    bytes[i >> 1]! |= (code + 8) << ((i & 1) * 4);
  }
  const entries = new DataView(bytes.buffer, codesLength);
  for (const [k, i] of exact.entries()) {
    entries.setUint32(k * EXACT_ENTRY_BYTES, i, true);
    entries.setFloat32(k * EXACT_ENTRY_BYTES + 4, weights[i]!, true);
  }
  return bytes;
}

/** The weight each of the 16 stored nibbles stands for (nibble 0, code -8, is looked up exactly). */
function dequantisationTable(maxWeight: number): Float64Array {
  const table = new Float64Array(16);
  for (let q = -LEVELS; q <= LEVELS; q++) table[q + 8] = Math.sign(q) * (Math.abs(q) / LEVELS) ** 2 * maxWeight;
  return table;
}

/** A model ready to score: the packed codes, what they mean, and the exactly stored weights. */
export interface LoadedModel {
  data: ModelData;
  packed: Uint8Array;
  table: Float64Array;
  exact: Map<number, number>;
}

export function loadModel(data: ModelData): LoadedModel {
  const buckets = 1 << data.features.hashBits;
  const bytes = data.weights;
  const rest = bytes.length - buckets / 2;
  if (rest < 0 || rest % EXACT_ENTRY_BYTES !== 0)
    throw new Error(`classifier model.bin has ${bytes.length} bytes, not 2^${data.features.hashBits} codes and entries`);
  const entries = new DataView(bytes.buffer, bytes.byteOffset + buckets / 2, rest);
  const exact = new Map<number, number>();
  for (let at = 0; at < rest; at += EXACT_ENTRY_BYTES) exact.set(entries.getUint32(at, true), entries.getFloat32(at + 4, true));
  return { data, packed: bytes.subarray(0, buckets / 2), table: dequantisationTable(data.maxWeight), exact };
}

/** The weight of hash bucket `bucket`. */
export function weightAt(model: LoadedModel, bucket: number): number {
  const nibble = (model.packed[bucket >> 1]! >> ((bucket & 1) * 4)) & 15;
  return nibble === 0 ? (model.exact.get(bucket) ?? 0) : model.table[nibble]!;
}

/** The model's log-odds that a comment with these features is toxic (a per-site layer adds to it). */
export function logit(model: LoadedModel, { indices, values }: Features): number {
  let z = model.data.bias;
  for (let k = 0; k < indices.length; k++) z += weightAt(model, indices[k]!) * values[k]!;
  return z;
}

/** Probability (0..1) that a comment with these features is toxic. */
export function probability(model: LoadedModel, features: Features): number {
  return 1 / (1 + Math.exp(-logit(model, features)));
}
