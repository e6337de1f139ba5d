import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { DEFAULT_TOXICITY_THRESHOLD, score } from "../../../src/moderation/classifier";
import { baseLogit } from "../../../src/moderation/classifier/classify";
import { extractFeatures } from "../../../src/moderation/classifier/features";
import { MODEL } from "../../../src/moderation/classifier/model";
import { loadModel, probability } from "../../../src/moderation/classifier/weights";
import { normalizeForMatching } from "../../../src/moderation/text/normalize";
import { siteSettingsSchema } from "../../../src/sites/settings";
import { holdThreshold } from "../../../src/moderation/adaptation/holdThreshold";

// Examples far from the threshold on either side, so a retrained model keeps passing; none
// is on the built-in word lists, so these are the classifier's own catches.
const toxic = [
  "너 같은 쓰레기는 꺼져라",
  "기레기들 다 꺼져라",
  "니들 같은 벌레들은 다 없어져야 돼",
  "저 돼지같은 년 얼굴 좀 봐라",
  "이 새끼 진짜 죽여버리고 싶다",
  "these hoes ain't loyal",
  "you ugly fat hoe",
];
const neutral = [
  "좋은 기사 감사합니다",
  "기자님 취재 수고 많으셨습니다.",
  "오늘 경기 정말 재밌었어요 ㅋㅋ",
  "정부 발표가 너무 늦은 것 같네요.",
  "Thanks for the thorough reporting on this.",
  "I respectfully disagree with the author's conclusion.",
  "Can the reporter clarify the figures in the third paragraph?",
  "hello",
  "x",
];

describe("the built-in classifier", () => {
  it("loads its committed model: four bits per hash bucket and a threshold chosen with it", () => {
    const model = loadModel(MODEL);
    expect(model.packed.length * 2).toBe(1 << MODEL.features.hashBits);
    expect(model.packed.some((b) => b !== 0x88)).toBe(true);
    expect(MODEL.threshold).toBeGreaterThan(0.5);
    expect(MODEL.threshold).toBeLessThan(1);
    expect(DEFAULT_TOXICITY_THRESHOLD).toBe(MODEL.threshold);
  });

  it("is the hold threshold of a site that neither set one nor has enough labels", () => {
    expect(siteSettingsSchema.parse({}).toxicityThreshold).toBeNull();
    expect(holdThreshold(null, null)).toEqual({ value: MODEL.threshold, source: "model" });
  });

  it.each(toxic)("scores clearly toxic text above the threshold: %s", (text) => {
    const result = score(text);
    expect(result.toxic).toBeGreaterThanOrEqual(DEFAULT_TOXICITY_THRESHOLD);
    expect(result.labels).toEqual(["toxic"]);
  });

  it.each(neutral)("scores an ordinary comment below the threshold: %s", (text) => {
    const result = score(text);
    expect(result.toxic).toBeLessThan(DEFAULT_TOXICITY_THRESHOLD);
    expect(result.labels).toEqual([]);
  });

  it.each([
    ["spaced-out letters", "너 같은 쓰 레 기 는 꺼 져 라"],
    ["typed jamo", "너 같은 쓰레기는 ㄲㅓ져라"],
    ["full-width and zero-width characters", "너 같은 쓰레\u200b기는 꺼져라！！！"],
    ["stretched vowels", "너 같은 쓰레기이이이는 꺼져라"],
    ["English look-alikes", "y0u ugly f@t h0e"],
  ])("sees through %s", (_, text) => {
    expect(score(text).toxic).toBeGreaterThanOrEqual(DEFAULT_TOXICITY_THRESHOLD);
  });

  it("reads a Hangul abbreviation through the words it abbreviates", () => {
    // ㅂㅅ shares initial-consonant features with 병신 (and the like) seen in training.
    expect(score("ㅂㅅ 같은 놈").toxic).toBeGreaterThanOrEqual(DEFAULT_TOXICITY_THRESHOLD);
  });

  it("reads Latin letters typed on a Korean keyboard as the Hangul they type", () => {
    // tlqkf is 시발 typed in Latin mode; alone it says nothing the model knows.
    expect(score("야 tlqkf 꺼져").toxic).toBeGreaterThanOrEqual(DEFAULT_TOXICITY_THRESHOLD);
    expect(score("야 tlqkf 꺼져").toxic).toBeCloseTo(score("야 시발 꺼져").toxic, 6);
  });

  it.each(["월드컵 개최국은 카타르", "개발자들이 고생했네요", "개인 정보 유출이 걱정입니다", "개선이 필요합니다", "존경합니다"])(
    "does not read an everyday word as the profanity it starts like: %s",
    (text) => {
      // 개최국/개발/개인 start like 개새끼, 존경 like 존나: their first syllable is its own feature.
      expect(score(text).toxic).toBeLessThan(0.5);
    },
  );

  it.each(["도시발전 계획에 대한 의견입니다", "동시발생 사고가 잇따랐다", "이 사건이 개혁의 시발점이 되었다"])(
    "does not read 시발 inside an everyday word as the profanity: %s",
    (text) => {
      expect(score(text).toxic).toBeLessThan(0.5);
    },
  );

  it("reads an n-gram never seen in training apart from the heavy bucket it hashes into", () => {
    // 려난 (of 밀려난, "pushed down") shares a bucket with one of the model's heaviest toxic features.
    expect(score("한참 아래로 밀려난 내 댓글").toxic).toBeLessThan(0.5);
    const { guard, ...unguarded } = MODEL.features;
    const inHeavy = (config: typeof unguarded) => [...extractFeatures("한참 아래로 밀려난 내 댓글", config).indices].some((i) => guard![i] !== undefined);
    expect(inHeavy(unguarded)).toBe(true);
    expect(inHeavy(MODEL.features)).toBe(false);
  });

  it.each(["씨발 진짜 짜증나네", "병신같은 소리 하네", "this is fucking stupid"])(
    "reads training n-grams into their heavy buckets as it learnt them: %s",
    (text) => {
      const { guard: _, ...unguarded } = MODEL.features;
      const withGuard = extractFeatures(text, MODEL.features);
      expect([...withGuard.indices].some((i) => MODEL.features.guard![i] !== undefined)).toBe(true);
      expect(withGuard).toEqual(extractFeatures(text, unguarded));
    },
  );

  it("still reads the profanity itself, next to any syllable", () => {
    for (const text of ["시발 진짜", "개시발", "아 시발점 찍었네 시발"]) expect(score(text).toxic).toBeGreaterThan(DEFAULT_TOXICITY_THRESHOLD);
  });

  it("gives the raw log-odds and features behind a score, for a per-site layer to add to", () => {
    for (const text of [...toxic, ...neutral]) {
      const { features, logit } = baseLogit(text);
      expect(1 / (1 + Math.exp(-logit))).toBeCloseTo(score(text).toxic, 12);
      expect(probability(loadModel(MODEL), features)).toBeCloseTo(score(text).toxic, 12);
      expect(features).toEqual(extractFeatures(text, MODEL.features));
    }
  });

  it("answers the same from already normalised text, as the pipeline passes it", () => {
    for (const text of [...toxic, ...neutral]) expect(score(text, normalizeForMatching(text))).toEqual(score(text));
  });

  it("never reports spam: none of its training data labels it", () => {
    expect(score("광고 문의 카톡 abc123 https://a.example").spam).toBe(0);
  });

  it("never throws and stays within 0..1 on arbitrary Unicode, deterministically", () => {
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        const first = score(text);
        expect(first.toxic).toBeGreaterThanOrEqual(0);
        expect(first.toxic).toBeLessThanOrEqual(1);
        expect(first.spam).toBe(0);
        expect(score(text)).toEqual(first);
      }),
      { numRuns: 300 },
    );
  });

  it("handles the longest comments and beyond without trouble", () => {
    const long = "기사 잘 봤습니다. The analysis is thorough. ".repeat(200);
    expect(score(long).toxic).toBeLessThan(DEFAULT_TOXICITY_THRESHOLD);
    expect(score("").toxic).toBeLessThan(DEFAULT_TOXICITY_THRESHOLD);
  });

  it("hashes into the model's space, with features scaled to at most unit length", () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 200 }), (text) => {
        const { indices, values } = extractFeatures(text, MODEL.features);
        expect(indices.every((i) => i >= 0 && i < 1 << MODEL.features.hashBits)).toBe(true);
        expect(new Set(indices).size).toBe(indices.length);
        expect(values.reduce((sum, v) => sum + v * v, 0)).toBeLessThanOrEqual(1 + 1e-5);
      }),
    );
  });
});
