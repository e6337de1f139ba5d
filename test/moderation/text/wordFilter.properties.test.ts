import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { defaultBannedWords, defaultProfanityWords, defaultSuspectWords } from "../../../src/moderation/text/defaultWords";
import { compileWordList, findWords } from "../../../src/moderation/text/wordFilter";

// Banned words and intensifier profanity: the lists that reject, or follow the site's profanity policy.
const banned = compileWordList([...defaultBannedWords, ...defaultProfanityWords]);
const suspect = compileWordList(defaultSuspectWords);

/** Banned words and the list entry that should report them. */
const entryFor: Record<string, string> = {
  fuck: "*fuck*",
  cunt: "cunt",
  bitch: "bitch*",
  whore: "whore*",
  nigger: "nigger*",
  faggot: "faggot*",
  twat: "twat",
  시발: "시발",
  씨발: "씨발",
  병신: "병신",
  존나: "존나",
  개새끼: "개새끼",
  미친놈: "미친놈",
  지랄: "지랄",
  니애미: "니애미",
};
const word = fc.constantFrom(...Object.keys(entryFor));
const latinWord = fc.constantFrom(...Object.keys(entryFor).filter((w) => /^[a-z]+$/.test(w)));
/** Innocent words around the disguised one, so it is found inside a sentence. */
const before = fc.constantFrom("", "I think", "정말", "기사 잘 봤습니다.", "this article:");
const after = fc.constantFrom("", "you", "진짜", "ㅋㅋ", "!!", "— really.");
const sentence = (prefix: string, middle: string, suffix: string) => `${prefix} ${middle} ${suffix}`;

// Each gap needs one visible mark: "f u\u200bc k" reads as "f uc k", which is not joined.
const visible = fc.constantFrom(" ", "  ", "\n", ".", "-", "_", "*", "~", "/", "·", "🔥", " . ");
const invisible = fc.constantFrom("", "\u200b", "\u3164", "\u00ad");
const separator = fc.tuple(invisible, fc.array(visible, { minLength: 1, maxLength: 3 }), invisible).map(([a, marks, b]) => a + marks.join("") + b);
const tightSeparator = fc.constantFrom(".", "-", "_", "*", "~", "🔥", "\u200b", "\u00ad", "\u2060");

/** Rebuilds `word` with `between(i)` before each letter after the first. */
const spell = (w: string, between: (i: number) => string) => [...w].map((c, i) => (i === 0 ? c : between(i) + c)).join("");

describe("word matching properties", () => {
  it("finds a listed word with separators or spaces between all its letters", () => {
    fc.assert(
      fc.property(word, fc.array(separator, { minLength: 8, maxLength: 8 }), before, after, (w, seps, prefix, suffix) => {
        const text = sentence(
          prefix,
          spell(w, (i) => seps[i]!),
          suffix,
        );
        expect(findWords(banned, text)).toContain(entryFor[w]);
      }),
      { numRuns: 400 },
    );
  });

  it("finds a listed word with punctuation or invisible characters slipped in anywhere", () => {
    fc.assert(
      fc.property(word, fc.array(fc.option(tightSeparator), { minLength: 8, maxLength: 8 }), before, after, (w, seps, prefix, suffix) => {
        const text = sentence(
          prefix,
          spell(w, (i) => seps[i] ?? ""),
          suffix,
        );
        expect(findWords(banned, text)).toContain(entryFor[w]);
      }),
      { numRuns: 400 },
    );
  });

  it("finds a listed word whatever its letter case", () => {
    fc.assert(
      fc.property(latinWord, fc.array(fc.boolean(), { minLength: 8, maxLength: 8 }), (w, upper) => {
        const text = [...w].map((c, i) => (upper[i] ? c.toUpperCase() : c)).join("");
        expect(findWords(banned, text)).toContain(entryFor[w]);
      }),
      { numRuns: 200 },
    );
  });

  it("finds a listed word with its letters stretched", () => {
    fc.assert(
      fc.property(word, fc.array(fc.integer({ min: 1, max: 5 }), { minLength: 8, maxLength: 8 }), before, (w, times, prefix) => {
        const text = sentence(prefix, [...w].map((c, i) => c.repeat(times[i]!)).join(""), "");
        expect(findWords(banned, text)).toContain(entryFor[w]);
      }),
      { numRuns: 300 },
    );
  });

  it("never throws, and only ever reports listed entries", () => {
    const listed = new Set([...defaultBannedWords, ...defaultProfanityWords]);
    fc.assert(
      fc.property(fc.string({ unit: "binary", maxLength: 300 }), (text) => {
        for (const entry of findWords(banned, text)) expect(listed.has(entry)).toBe(true);
      }),
      { numRuns: 500 },
    );
  });

  it("finds nothing in text made only of innocent words, including the classic traps", () => {
    const innocent = fc.constantFrom(
      ..."the and I a assistant class classic Scunthorpe cocktail therapist Essex Sussex passion grassroots analysis".split(" "),
      ..."analyst Dickens shiitake mishit niggardly Fukushima cockpit peacock Hancock bitcoin titanic spicy Pakistan".split(" "),
      ..."retardant stupidity crapshoot Pissarro cocky Arsenal arsenic assassin bass embarrass scrap scumble hello".split(" "),
      ..."government policy article 2024 thanks Penistone Wankel Cockburn Dickinson".split(" "),
      ..."시발점 시발역 서울시 발표 발전 발언 새끼손가락 고양이 새끼 미친 영향을 5개년 계획 한남동 등신대 허리띠를".split(" "),
      ..."졸라매야 수박씨 발라 대통령 국회 정부 경제 기자 시민 시장 발생 시바견 병원 신문 존재 나이 지난해 2024년".split(" "),
      ..."10시 출발 찬성 반대 좋은 기사 감사합니다 ㅋㅋ ㅠㅠ ㄱㅅ ㅇㅈ 그 잘 더 감염병 전염병 도시발전 닥쳐올".split(" "),
      ..."들이닥쳐 졸라서 수개년 병신고 동시발생".split(" "),
    );
    // Not 이: "이...새끼" (tight, so joined) is the insult 이새끼, not an innocent pair of words.
    const gap = fc.constantFrom(" ", ", ", ". ", "\n", "! ", "? ", " - ", " (", ") ", "...");
    const text = fc.array(fc.tuple(innocent, gap), { minLength: 1, maxLength: 30 }).map((parts) => parts.flat().join(""));
    fc.assert(
      fc.property(text, (t) => {
        expect([...findWords(banned, t), ...findWords(suspect, t)]).toEqual([]);
      }),
      { numRuns: 500 },
    );
  });
});
