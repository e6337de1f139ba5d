import { describe, expect, it } from "vitest";
import type { FeatureConfig } from "../../../src/moderation/classifier/features";
import { loadModel, type ModelData, packWeights, weightAt } from "../../../src/moderation/classifier/weights";

const features: FeatureConfig = { hashBits: 4, maxN: 3, normFloor: 80 };
const modelOf = (weights: Float64Array, maxWeight: number): ModelData => ({
  version: 2,
  features,
  bias: 0,
  maxWeight,
  threshold: 0.5,
  weights: packWeights(weights, maxWeight),
  notes: "test",
});

describe("model weights as stored in model.bin", () => {
  it("keeps two 4-bit codes a byte, and the weights beyond maxWeight exactly after them", () => {
    const weights = Float64Array.from({ length: 16 }, (_, i) => (i - 8) / 4);
    weights[3] = 40.5;
    weights[12] = -17.25;
    const data = modelOf(weights, 2);
    expect(data.weights.length).toBe(8 + 2 * 8);
    const model = loadModel(data);
    expect(weightAt(model, 3)).toBe(40.5);
    expect(weightAt(model, 12)).toBe(-17.25);
    expect(model.exact.size).toBe(2);
  });

  it("reads each code back within its step, sign kept, zero as zero", () => {
    const weights = Float64Array.from({ length: 16 }, (_, i) => (i % 2 ? 1 : -1) * (i / 15) * 3);
    const model = loadModel(modelOf(weights, 3));
    for (const [i, w] of weights.entries()) {
      const read = weightAt(model, i);
      if (w === 0) expect(read).toBe(0);
      else expect(Math.sign(read)).toBe(Math.sign(w));
      // Codes round in the square-root domain; the widest half-step is the top one: (1 - (6.5/7)²) · max.
      expect(Math.abs(read - w)).toBeLessThanOrEqual((1 - (6.5 / 7) ** 2) * 3 + 1e-9);
    }
  });

  it("refuses a file that does not fit its hash space", () => {
    const data = modelOf(new Float64Array(16), 1);
    expect(() => loadModel({ ...data, weights: data.weights.subarray(0, 7) })).toThrow(/model.bin/);
    expect(() => loadModel({ ...data, weights: new Uint8Array(8 + 5) })).toThrow(/model.bin/);
  });
});
