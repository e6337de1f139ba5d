import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { keysOf, koreanKeyOdds, koreanTypedAsLatin, typedHangul } from "../../../src/moderation/text/keyboard";
import { normalizeForMatching } from "../../../src/moderation/text/normalize";

describe("Hangul typed on a Latin keyboard (두벌식)", () => {
  it.each([
    ["tlqkf", "시발"],
    ["qudtls", "병신"],
    ["whssk", "존나"],
    ["wlfkf", "지랄"],
    ["dkssudgktpdy", "안녕하세요"],
    ["rhkstlaeks", "관심단"],
    ["dlfr", "읽"],
    ["rkqt", "값"],
  ])("types %s as %s", (keys, hangul) => {
    expect(typedHangul(keys)).toBe(hangul);
  });

  it.each(["hello", "test", "kim", "tq", "kr"])("types no whole syllables for %s", (keys) => {
    expect(typedHangul(keys)).toBeUndefined();
  });

  it("reads the keys of any Hangul syllable back as the syllable (tense consonants folded, as text is lower-cased)", () => {
    const plain = fc.integer({ min: 0, max: 11171 }).map((i) => String.fromCharCode(0xac00 + i));
    fc.assert(
      fc.property(fc.array(plain, { minLength: 1, maxLength: 6 }), (syllables) => {
        const typed = typedHangul(keysOf(syllables.join("")));
        expect(typed).toBeDefined();
        expect(keysOf(typed!)).toBe(keysOf(syllables.join("")));
      }),
    );
  });

  it.each(["tlqkf", "qudtls", "whssk", "wlfkf", "alcls", "ekrcu"])("takes %s for Korean typed in Latin mode", (word) => {
    expect(koreanKeyOdds(word)).toBeGreaterThan(0);
    expect(koreanTypedAsLatin(word)).toBeDefined();
  });

  it.each(["fuck", "rock", "today", "when", "them", "anti", "hello", "table", "korea", "seoul", "dog", "go"])("leaves the English word %s alone", (word) => {
    expect(koreanTypedAsLatin(word)).toBeUndefined();
  });
});

describe("normalisation reads Korean typed in Latin mode as Hangul", () => {
  it.each([
    ["tlqkf", "시발"],
    ["TLQKF", "시발"],
    ["Tlqkf whssk", "시발 존나"],
    ["야 tlqkf 뭐하냐", "야 시발 뭐하냐"],
    ["t.l.q.k.f", "시발"],
  ])("%s → %s", (text, normalised) => {
    expect(normalizeForMatching(text)).toBe(normalised);
  });

  it.each(["rock music is great", "see you today", "you are a tlqkf and a liar", "Anti-war protest downtown"])(
    "keeps an English comment English: %s",
    (text) => {
      expect(normalizeForMatching(text)).toMatch(/^[a-z ]+$/);
    },
  );
});
