import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { estimateAt, thresholdForPrecision } from "../../../src/moderation/adaptation/calibration";
import { fromHalf, toHalf } from "../../../src/moderation/adaptation/float16";
import { blankCounts, countLabel, HALVE_AT, ratioAt } from "../../../src/moderation/adaptation/labelCounts";
import { blankLearner, learn, revisit } from "../../../src/moderation/adaptation/learner";
import { learnerBlob, roundAsStored, storedLearner } from "../../../src/moderation/adaptation/learnerBlob";
import { blankSiteModel, FOLD_SIZE, foldedSlot, logit, siteProbability } from "../../../src/moderation/adaptation/siteModel";
import { extractFeatures, namedFeatures } from "../../../src/moderation/classifier/features";
import { MODEL } from "../../../src/moderation/classifier/model";

const features = (text: string) => extractFeatures(text, MODEL.features);
const example = (text: string, abusive: boolean, baseProbability = 0.3) => ({ baseLogit: logit(baseProbability), features: features(text), abusive });

describe("the online learner", () => {
  it("is the base model exactly until it learns something", () => {
    expect(siteProbability(blankSiteModel(), 0.37, features("아무 댓글"))).toBeCloseTo(0.37, 9);
  });

  it("raises the score of what moderators reject and lowers what they approve", () => {
    const model = blankSiteModel();
    const learner = blankLearner();
    for (let i = 0; i < 5; i++) {
      learn(model, learner, example(`꼰무새 또 왔네 ${i}`, true));
      learn(model, learner, example(`좋은 기사 감사합니다 ${i}`, false));
    }
    expect(siteProbability(model, 0.3, features("꼰무새 같은 소리"))).toBeGreaterThan(0.5);
    expect(siteProbability(model, 0.3, features("좋은 기사네요"))).toBeLessThan(0.3);
  });

  it("unlearns a label with the same step taken back", () => {
    const model = blankSiteModel();
    const learner = blankLearner();
    learn(model, learner, example("꼰무새 꼰무새", true));
    const after = siteProbability(model, 0.3, features("꼰무새"));
    learn(model, learner, example("꼰무새 꼰무새", true), -1);
    expect(after).toBeGreaterThan(0.3);
    expect(siteProbability(model, 0.3, features("꼰무새"))).toBeLessThan(after);
  });

  it("keeps two sites' models apart", () => {
    const a = blankSiteModel();
    const b = blankSiteModel();
    learn(a, blankLearner(), example("꼰무새", true));
    expect(b.weights.every((w) => w === 0)).toBe(true);
    expect(b.bias).toBe(0);
  });

  it("folds every base bucket into the site's table", () => {
    fc.assert(fc.property(fc.integer({ min: 0, max: (1 << MODEL.features.hashBits) - 1 }), (i) => foldedSlot(i) >= 0 && foldedSlot(i) < FOLD_SIZE));
  });
});

describe("the learner's label counts and stored state", () => {
  it("gives a slot both classes carry alike no say, and one only abusive labels carry some", () => {
    const counts = blankCounts();
    const shared = features("오늘");
    countLabel(counts, shared, true, 1, 1);
    countLabel(counts, shared, false, 1, 1);
    for (const i of shared.indices) expect(ratioAt(counts, foldedSlot(i))).toBeCloseTo(0, 6);
    countLabel(counts, features("꼰무새"), true, 1, 1);
    const slot = foldedSlot(features("꼰무새").indices[0]!);
    expect(ratioAt(counts, slot)).toBeGreaterThan(0.3);
    // Taken back, the label leaves the counts as they were.
    countLabel(counts, features("꼰무새"), true, 1, -1);
    expect(ratioAt(counts, slot)).toBeCloseTo(0, 4);
  });

  it("halves every count before one outgrows what half floats store, keeping their proportions", () => {
    const counts = blankCounts();
    const word = features("꼰무새");
    const slot = foldedSlot(word.indices[0]!);
    countLabel(counts, word, false, 5, 1);
    const share = counts.clean[slot]! / counts.cleanTotal;
    // A label weighty enough to carry its slots far past the limit.
    countLabel(counts, features("좋은 기사"), true, HALVE_AT * 100, 1);
    expect(Math.max(...counts.abusive, ...counts.clean)).toBeLessThanOrEqual(HALVE_AT);
    expect(counts.clean[slot]!).toBeLessThan(5 * Math.abs(word.values[0]!));
    expect(counts.clean[slot]! / counts.cleanTotal).toBeCloseTo(share, 6);
  });

  it("stores half floats to within 0.1%, and never a negative or an overflow", () => {
    fc.assert(fc.property(fc.double({ min: 6.2e-5, max: 65000, noNaN: true }), (x) => Math.abs(fromHalf(toHalf(x)) - x) <= x / 1024));
    expect(fromHalf(toHalf(-3))).toBe(0);
    expect(fromHalf(toHalf(1e9))).toBe(65504);
    expect(fromHalf(toHalf(0))).toBe(0);
  });

  it("reads back the learner it stored, as rounded for storing", () => {
    const model = blankSiteModel();
    const learner = blankLearner();
    for (let i = 0; i < 20; i++) learn(model, learner, example(`꼰무새 또 왔네 ${i}`, i % 2 === 0));
    roundAsStored(learner);
    const back = storedLearner(learnerBlob(learner, 1234), learner.weights, learner.biasSquared, learner.scaleSquared);
    expect(back.revisitedUntil).toBe(1234);
    expect(back.learner.squared).toEqual(learner.squared);
    expect(back.learner.counts).toEqual(learner.counts);
    // A blob of another size (a reset's zeroes) is a blank learner.
    expect(storedLearner(new Uint8Array(FOLD_SIZE * 4), learner.weights, 1, 0).learner.weights.every((w) => w === 0)).toBe(true);
  });

  it("learns a revisited label again without counting it twice", () => {
    const model = blankSiteModel();
    const learner = blankLearner();
    const once = example("꼰무새 꼰무새", true);
    learn(model, learner, once);
    const counted = learner.counts.abusiveTotal;
    const before = siteProbability(model, 0.3, features("꼰무새"));
    revisit(model, learner, once);
    expect(learner.counts.abusiveTotal).toBe(counted);
    expect(siteProbability(model, 0.3, features("꼰무새"))).toBeGreaterThan(before);
  });
});

describe("threshold calibration", () => {
  const observations = [
    ...Array.from({ length: 20 }, (_, i) => ({ score: 0.8 + i / 100, abusive: true })),
    ...Array.from({ length: 20 }, (_, i) => ({ score: 0.5 + i / 100, abusive: i % 2 === 0 })),
    ...Array.from({ length: 60 }, (_, i) => ({ score: i / 100, abusive: false })),
  ];

  it("picks the lowest threshold whose precision reaches the target", () => {
    const t = thresholdForPrecision(observations, 0.9)!;
    expect(estimateAt(observations, t).precision).toBeGreaterThanOrEqual(0.9);
    const lower = observations.map((o) => o.score).filter((s) => s < t);
    for (const s of lower) expect(estimateAt(observations, s).precision).toBeLessThan(0.9);
  });

  it("falls back to the most precise threshold when none reaches the target, and to none without enough comments", () => {
    const noisy = Array.from({ length: 50 }, (_, i) => ({ score: i / 50, abusive: i % 3 === 0 }));
    expect(thresholdForPrecision(noisy, 0.99)).not.toBeNull();
    expect(thresholdForPrecision(noisy.slice(0, 5), 0.5)).toBeNull();
  });

  it("estimates precision and recall of holding at a threshold", () => {
    expect(estimateAt(observations, 0.8)).toEqual({ precision: 1, recall: 20 / 30, observed: 100, abusive: 30 });
    expect(estimateAt([], 0.5)).toEqual({ precision: null, recall: null, observed: 0, abusive: 0 });
  });
});

describe("named features", () => {
  it("names every bucket the model scores, with n-grams of the normalised text", () => {
    fc.assert(
      fc.property(fc.string({ unit: fc.constantFrom(..."가나다라 바보쓰레기 ab c"), maxLength: 40 }), (text) => {
        const { features: named, names } = namedFeatures(text, MODEL.features);
        const plain = features(text);
        expect([...named.indices]).toEqual([...plain.indices]);
        expect([...named.values]).toEqual([...plain.values]);
        for (const i of plain.indices) expect(names.get(i)?.length).toBeGreaterThan(0);
      }),
    );
    expect([...namedFeatures("바보", MODEL.features).names.values()].flat()).toContain("바보");
  });
});
