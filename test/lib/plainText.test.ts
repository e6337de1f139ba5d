import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { hasVisibleText, plainBody, plainName } from "../../src/lib/plainText";

/** Every code point the cleaning removes from bodies (names also lose U+0009–U+000D). */
const REMOVED = [
  ...range(0x00, 0x08),
  ...range(0x0b, 0x1f),
  ...range(0x7f, 0x9f),
  0x061c,
  0x200e,
  0x200f,
  ...range(0x202a, 0x202e),
  ...range(0x2066, 0x2069),
  0x200b,
  ...range(0x2060, 0x2064),
  ...range(0x206a, 0x206f),
  0xfeff,
  0x115f,
  0x1160,
  0x3164,
  0xffa0,
];
const KEPT_INVISIBLE = [0x200c, 0x200d, 0xfe0f, 0xe0067];

function range(from: number, to: number): number[] {
  return Array.from({ length: to - from + 1 }, (_, i) => from + i);
}

const codePoints = (text: string) => [...text].map((c) => c.codePointAt(0)!);

/** Text mixing ordinary characters with the ones that get removed or kept. */
const tricky = fc
  .array(
    fc.oneof(
      fc.string({ unit: "grapheme", maxLength: 4 }),
      fc.constantFrom(...REMOVED, ...KEPT_INVISIBLE, 0x0a, 0x0d, 0x09, 0x20, 0x3000, 0x2800).map((c) => String.fromCodePoint(c)),
      fc.string({ unit: "binary", maxLength: 3 }),
    ),
    { maxLength: 30 },
  )
  .map((parts) => parts.join(""));

describe("plainBody", () => {
  it("removes bidi overrides, NUL and other controls but keeps line breaks and tabs", () => {
    expect(plainBody("\u202Egood\u0000 point\u0007\r\n\tyes ")).toBe("good point\n\tyes");
    expect(plainBody("a\rb\r\n\r\nc")).toBe("a\nb\n\nc");
    expect(plainBody("\u2067مرحبا\u2069 hello\u200E")).toBe("مرحبا hello");
  });

  it("removes zero-width spaces, the byte order mark and Hangul fillers", () => {
    expect(plainBody("\uFEFF좋\u200B은\u3164 기사\uFFA0\u2060")).toBe("좋은 기사");
  });

  it("keeps the joiners emoji and other scripts need", () => {
    const family = "👩\u200D💻 \u0645\u06CC\u200C\u062E\u0648\u0627\u0647\u0645 ❤\uFE0F";
    expect(plainBody(family)).toBe(family);
  });

  it("never leaves a removed code point or a CR, and changes nothing the second time", () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const once = plainBody(text);
        expect(codePoints(once).filter((c) => REMOVED.includes(c) || c === 0x0d)).toEqual([]);
        expect(plainBody(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe("plainName", () => {
  it("makes a name one line without controls, bidi or invisible characters", () => {
    expect(plainName(" 김\u3164기자\n(편집국) ")).toBe("김기자 (편집국)");
    expect(plainName("admin\u202E\u2066  \t ")).toBe("admin");
    expect(plainName("\u202Enimda")).toBe("nimda");
  });

  it("never leaves a control, a removed code point or doubled spaces, and changes nothing the second time", () => {
    fc.assert(
      fc.property(tricky, (text) => {
        const once = plainName(text);
        expect(codePoints(once).filter((c) => REMOVED.includes(c) || (c >= 0x09 && c <= 0x0d))).toEqual([]);
        expect(once).not.toMatch(/\s\s|^\s|\s$/);
        expect(plainName(once)).toBe(once);
      }),
      { numRuns: 500 },
    );
  });
});

describe("hasVisibleText", () => {
  it("is false for whitespace, invisible characters and the blank braille cell", () => {
    for (const blank of ["", " \n\t", "\u200D", "\u200C\uFE0F\u3000", "\u2800", "\u00AD\u034F"]) expect(hasVisibleText(blank)).toBe(false);
  });

  it("is true as soon as one character shows, punctuation and emoji included", () => {
    for (const shown of ["?", "👍", "ㅋ", "\u200D가", "."]) expect(hasVisibleText(shown)).toBe(true);
  });

  it("is false for anything made only of removed or invisible characters once cleaned", () => {
    const blankChars = fc.constantFrom(...REMOVED, ...KEPT_INVISIBLE, 0x20, 0x0a, 0x09, 0x3000, 0x2800).map((c) => String.fromCodePoint(c));
    fc.assert(
      fc.property(fc.array(blankChars, { maxLength: 20 }), (chars) => {
        expect(hasVisibleText(plainBody(chars.join("")))).toBe(false);
        expect(hasVisibleText(plainName(chars.join("")))).toBe(false);
      }),
    );
  });
});
