import { describe, expect, it } from "vitest";
import { defaultBannedWords, defaultProfanityWords, defaultSuspectWords } from "../../../src/moderation/text/defaultWords";
import { nearVariants } from "../../../src/moderation/text/hangul";
import { compileWordList, findWords } from "../../../src/moderation/text/wordFilter";

// Banned words and intensifier profanity: the lists that reject, or follow the site's profanity policy.
const banned = compileWordList([...defaultBannedWords, ...defaultProfanityWords]);
const suspect = compileWordList(defaultSuspectWords);

describe("jamo-level near matches of listed words", () => {
  it("spells a word one vowel or one tensed initial away, in one syllable", () => {
    const near = nearVariants("병신");
    expect(near).toEqual(expect.arrayContaining(["빙신", "븅신", "벙신", "뼝신"]));
    expect(nearVariants("존나")).toEqual(expect.arrayContaining(["졵나", "쫀나", "존냐"]));
    expect(nearVariants("같은")).toContain("겉은");
    // Only one syllable changes at a time.
    expect(near).not.toContain("빙씬");
  });

  it("has no near spellings for one syllable, or for text that is not all syllables", () => {
    expect(nearVariants("좆")).toEqual([]);
    expect(nearVariants("ㅅㅂ")).toEqual([]);
    expect(nearVariants("fuck")).toEqual([]);
  });

  it.each([
    ["빙신아", "병신"],
    ["졵나 웃기네", "존나"],
    ["쫀나 맛있다", "존나"],
    ["지럴하네", "지랄"],
    ["개섀끼", "개새끼"],
    ["씨빨 진짜", "씨발"],
  ])("finds %s as %s", (text, entry) => {
    expect(findWords(banned, text)).toContain(entry);
  });

  it("finds a listed compound spelled one vowel off (개겉은 as 개같은 would be, if listed)", () => {
    const site = compileWordList(["개같은"]);
    expect(findWords(site, "개겉은년")).toEqual(["개같은"]);
  });

  it.each([
    "십년 전 일이다", // 씹년 with a plain initial is "ten years"
    "살이 다시 찐다", // 찐따 with a plain initial
    "판타지라도 이건 농담이지", // 지랄 without its final
    "그렇다쳐도 이해는 된다", // 닥쳐 without its final
    "변신 로봇", // 병신 with ㄴ for ㅇ
    "연세 드신 분들", // 등신 without its final
    "주가가 바닥치니까 사람들이 판다", // 닥쳐 spelled 닥치, inside 바닥치다
  ])("leaves an everyday word alone: %s", (text) => {
    expect([...findWords(banned, text), ...findWords(suspect, text)]).toEqual([]);
  });
});
