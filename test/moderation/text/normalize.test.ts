import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { canonicalText, normalizeForMatching } from "../../../src/moderation/text/normalize";

const n = normalizeForMatching;
/** Characters that exercise every rule: look-alikes, separators, jamo, invisibles, compatibility forms. */
const tricky = [..."aAbilLoOsStTfuck013457@$!.-_* ,'’·ㆍ\u200b\u3164시발이아가ㅅㅂㅣㅏㄹㅋ병신2025년ßİǄ℃é\u0301ﬁⓕＦ𝐟сοX🔥\n"];
const trickyText = fc.array(fc.constantFrom(...tricky), { maxLength: 40 }).map((chars) => chars.join(""));
const anyText = fc.string({ unit: "binary", maxLength: 60 });

describe("canonicalText", () => {
  it("folds full-width, circled and mathematical letters to plain lower case", () => {
    expect(canonicalText("ＦＵＣＫ ⓕⓤⓒⓚ 𝐅𝐔𝐂𝐊 FuCk")).toBe("fuck fuck fuck fuck");
  });

  it("removes accents, zero-width characters and Hangul fillers", () => {
    expect(canonicalText("cafe\u0301 na\u00efve f\u200bu\u200dc\ufeffk 시\u3164발")).toBe("cafe naive fuck 시발");
  });

  it("collapses whitespace and shortens repeats to two, keeping punctuation for the classifier", () => {
    // Typed jamo (ㅋ) come out as the conjoining jamo NFKC maps them to.
    expect(canonicalText("  soooo   good!!!!\n\tㅋㅋㅋㅋㅋ ")).toBe(`soo good!! ${"ㅋㅋ".normalize("NFKC")}`);
  });

  it("drops syllables that only stretch the vowel before them", () => {
    expect(canonicalText("시이이이발 바아보")).toBe("시발 바보");
    expect(canonicalText("아이가 우유를")).toBe("아이가 우유를");
  });

  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.oneof(trickyText, anyText), (s) => canonicalText(canonicalText(s)) === canonicalText(s)),
      { numRuns: 500 },
    );
  });
});

describe("normalizeForMatching: evasions undone", () => {
  it("joins letters separated by punctuation, symbols or emoji", () => {
    for (const s of ["f.u.c.k", "f-u-c-k", "f_u_c_k", "f*u*c*k", "f🔥u🔥c🔥k", "fu.ck", "fuc--k"]) expect(n(s)).toBe("fuck");
    for (const s of ["시.발", "시*발", "시~발", "시🔥발"]) expect(n(s)).toBe("시발");
  });

  it("joins letters spaced out one by one", () => {
    expect(n("f u c k you")).toBe("fuck you");
    expect(n("F  U . C  K")).toBe("fuck");
    expect(n("시 발")).toBe("시발");
    expect(n("개 새 끼")).toBe("개새끼");
  });

  it("drops digits and symbols padding Hangul, but keeps numbers before it", () => {
    expect(n("시1발 씨12발 시@발")).toBe("시발 씨발 시발");
    expect(n("2024년 3시 10:30")).toBe("2024년 3시 10 30");
  });

  it("reads digits and symbols inside Latin words as the letters they imitate", () => {
    expect(n("5h1t @ss a$$ sh!t b1tch f0ck 4ss h3ll")).toBe("shit ass ass shit bitch fock ass hell");
  });

  it("keeps exclamation marks around a word out of it", () => {
    expect(n("shit! !wow!!")).toBe("shit wow");
  });

  it("turns Cyrillic and Greek look-alikes inside Latin words into Latin", () => {
    expect(n("fu\u0441k \u0455hit")).toBe("fuck shit");
    expect(n("сука")).toBe("сука");
  });

  it("composes typed jamo and keeps lone initials, whichever way they were typed", () => {
    expect(n("ㅅㅣ발")).toBe("시발");
    expect(n("ㅅㅂ")).toBe(n("\u1109\u1107"));
    expect(n("ㅅ ㅂ")).toBe(n("ㅅㅂ"));
    expect(n("시ㅂ")).toBe(`시${n("ㅂ")}`);
  });

  it("shortens stretched letters and syllables", () => {
    expect(n("fuuuuuck")).toBe("fuuck");
    expect(n("시이이발")).toBe("시발");
    expect(n("시 이 이 발")).toBe("시발");
  });
});

describe("normalizeForMatching: innocent text left alone", () => {
  it("does not join whole words separated by spaces", () => {
    expect(n("서울시 발표에 따르면")).toBe("서울시 발표에 따르면");
    expect(n("오후 2시 발표")).toBe("오후 2시 발표");
    expect(n("the pen is an al dente")).toBe("the pen is an al dente");
  });

  it("does not join Korean words separated by list punctuation", () => {
    expect(n("서울시·발전소, 부산시/울산시")).toBe("서울시 발전소 부산시 울산시");
    expect(n("서울시ㆍ발전")).toBe("서울시 발전");
  });

  it("keeps contractions from spelling new words", () => {
    expect(n("he'll say it's fine, I’d")).toBe("he ll say its fine id");
  });
});

describe("normalizeForMatching: properties", () => {
  it("is idempotent", () => {
    fc.assert(
      fc.property(fc.oneof(trickyText, anyText), (s) => n(n(s)) === n(s)),
      { numRuns: 1000 },
    );
  });

  it("gives lower-case words separated by single spaces, without punctuation or invisible characters", () => {
    fc.assert(
      fc.property(fc.oneof(trickyText, anyText), (s) => {
        const out = n(s);
        expect(out).not.toMatch(/^ | $| {2}|[A-Z.,!?@$*\-_'\u200b\u3164\t\n]/);
      }),
      { numRuns: 500 },
    );
  });

  it("is unaffected by zero-width characters inserted anywhere", () => {
    const withInvisible = fc.tuple(
      trickyText,
      fc.array(fc.nat(), { maxLength: 5 }),
      fc.constantFrom("\u200b", "\u200c", "\u200d", "\u2060", "\ufeff", "\u00ad"),
    );
    fc.assert(
      fc.property(withInvisible, ([s, positions, invisible]) => {
        const chars = [...s];
        for (const p of positions) chars.splice(p % (chars.length + 1), 0, invisible);
        expect(n(chars.join(""))).toBe(n(s));
      }),
      { numRuns: 500 },
    );
  });

  it("ignores letter case", () => {
    fc.assert(
      fc.property(fc.string({ unit: "grapheme-ascii", maxLength: 40 }), (s) => n(s.toUpperCase()) === n(s.toLowerCase())),
      { numRuns: 500 },
    );
  });
});
