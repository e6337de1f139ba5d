/**
 * Logistic regression on hashed features, trained with Adagrad and L2, deterministic for a
 * given seed (the examples are shuffled with a seeded generator, nothing else is random).
 */
import type { Features } from "../../src/moderation/classifier/features";

export interface TrainingExample {
  features: Features;
  toxic: boolean;
  /** How much this example counts (balances datasets and classes). */
  weight: number;
}

export interface TrainOptions {
  dimensions: number;
  epochs: number;
  learningRate: number;
  /** L2 penalty per example seen, applied to the weights an example touches. */
  l2: number;
  seed: number;
}

export interface LinearModel {
  weights: Float64Array;
  bias: number;
}

/** mulberry32: a small seeded generator, enough for shuffling. */
function seededRandom(seed: number): () => number {
  let a = seed >>> 0;
  return () => {
    a = (a + 0x6d2b79f5) >>> 0;
    let t = a;
    t = Math.imul(t ^ (t >>> 15), t | 1);
    t ^= t + Math.imul(t ^ (t >>> 7), t | 61);
    return ((t ^ (t >>> 14)) >>> 0) / 4294967296;
  };
}

export const sigmoid = (z: number) => 1 / (1 + Math.exp(-z));

export function linearScore(model: LinearModel, { indices, values }: Features): number {
  let z = model.bias;
  for (let i = 0; i < indices.length; i++) z += model.weights[indices[i]!]! * values[i]!;
  return z;
}

export function trainLogistic(examples: readonly TrainingExample[], options: TrainOptions): LinearModel {
  const weights = new Float64Array(options.dimensions);
  const squaredGradients = new Float64Array(options.dimensions);
  const model: LinearModel = { weights, bias: 0 };
  let biasSquared = 0;
  const random = seededRandom(options.seed);
  const order = Array.from(examples.keys());
  for (let epoch = 0; epoch < options.epochs; epoch++) {
    for (let i = order.length - 1; i > 0; i--) {
      const j = Math.floor(random() * (i + 1));
      [order[i], order[j]] = [order[j]!, order[i]!];
    }
    for (const index of order) {
      const { features, toxic, weight } = examples[index]!;
      const error = (sigmoid(linearScore(model, features)) - (toxic ? 1 : 0)) * weight;
      const { indices, values } = features;
      for (let k = 0; k < indices.length; k++) {
        const j = indices[k]!;
        const g = error * values[k]! + options.l2 * weights[j]!;
        squaredGradients[j]! += g * g;
        weights[j]! -= (options.learningRate * g) / (Math.sqrt(squaredGradients[j]!) + 1e-8);
      }
      biasSquared += error * error;
      model.bias -= (options.learningRate * error) / (Math.sqrt(biasSquared) + 1e-8);
    }
  }
  return model;
}
