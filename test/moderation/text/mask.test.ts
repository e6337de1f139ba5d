import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultBannedWords, defaultProfanityWords, defaultSuspectWords } from "../../../src/moderation/text/defaultWords";
import { MASK, maskWords } from "../../../src/moderation/text/mask";
import { compileWordList, findWords } from "../../../src/moderation/text/wordFilter";

const profanity = compileWordList(defaultProfanityWords);
const banned = compileWordList(defaultBannedWords);

describe("the word lists by severity", () => {
  it.each(["저거 존나 비싸던데", "씨발 맛있다", "지랄 같은 날씨", "that was fucking great", "ㅅㅂ 또 지각"])(
    "puts intensifier profanity on the profanity list, not the banned one: %s",
    (text) => {
      expect(findWords(profanity, text)).not.toEqual([]);
      expect(findWords(banned, text)).toEqual([]);
    },
  );

  it.each(["병신 같은 기자", "개새끼야", "씨발놈아 꺼져", "미친년", "짱깨들", "you cunt"])("keeps insults and slurs on the banned list: %s", (text) => {
    expect(findWords(banned, text)).not.toEqual([]);
  });

  it("lists no word twice across severities", () => {
    const entries = (list: readonly string[]) => list.filter((w) => !w.startsWith("!"));
    const all = [...entries(defaultBannedWords), ...entries(defaultProfanityWords), ...entries(defaultSuspectWords)];
    expect(new Set(all).size).toBe(all.length);
  });

  it("keeps the everyday words that contain 시발 clear of the profanity list", () => {
    expect(findWords(profanity, "개혁의 시발점이 된 도시발전 계획")).toEqual([]);
  });
});

describe("masking profanity", () => {
  it.each([
    ["저거 존나 비싸던데", `저거 ${MASK} 비싸던데`],
    ["존나게 맛있네!", `${MASK}게 맛있네!`],
    ["아 씨발, 또 졌네", `아 ${MASK}, 또 졌네`],
    ["ㅅㅂ 또 지각", `${MASK} 또 지각`],
    ["졵나 웃기네", `${MASK} 웃기네`],
    ["that was FUCKING great", `that was ${MASK} great`],
    ["f.u.c.k this", `${MASK} this`],
    ["줄바꿈도\n  그대로 존나\t좋다", `줄바꿈도\n  그대로 ${MASK}\t좋다`],
    ["tlqkf 진짜", `${MASK} 진짜`],
  ])("%s → %s", (text, masked) => {
    expect(maskWords(profanity, text)).toBe(masked);
  });

  it("masks a word spaced out over several tokens as one", () => {
    expect(maskWords(profanity, "진짜 시 발 짜증나")).toBe(`진짜 ${MASK} 짜증나`);
  });

  it("answers undefined when there is nothing to mask", () => {
    expect(maskWords(profanity, "좋은 기사 감사합니다")).toBeUndefined();
    expect(maskWords(profanity, "개혁의 시발점")).toBeUndefined();
  });

  it("never leaves a listed word readable in what it masks", () => {
    const words = fc.constantFrom("존나", "씨발", "지랄", "fucking", "좋다", "기사", " ", "\n", "!", "ㅋㅋ", "시", "발");
    fc.assert(
      fc.property(fc.array(words, { maxLength: 12 }), (parts) => {
        const masked = maskWords(profanity, parts.join(""));
        if (masked !== undefined) expect(findWords(profanity, masked)).toEqual([]);
      }),
    );
  });
});
