import { isElongation } from "./hangul";

/** Middle dots Korean uses between list items (서울시·부산시); NFKD would turn ㆍ into an archaic vowel. */
const MIDDLE_DOTS = /[\u318d\u119e]/g;
const INVISIBLE = /[\p{M}\p{Default_Ignorable_Code_Point}]/gu;
const SPACES = /[\s\p{Cc}\p{Z}]+/gu;
const DIGIT = /^\p{Nd}$/u;

/**
 * Drops runs of three or more of one letter to two ("fuuuuck" → "fuuck", ㅋㅋㅋㅋ → ㅋㅋ) and stretched Hangul vowels (시이이발 → 시발).
 * Digits are kept as written: 111 and 11 are different numbers (and different comments).
 */
export function collapseRepeats<T>(items: readonly T[], charOf: (item: T) => string): T[] {
  const out: T[] = [];
  let last: string | undefined;
  let beforeLast: string | undefined;
  for (const item of items) {
    const char = charOf(item);
    if ((char === last && char === beforeLast && !DIGIT.test(char)) || isElongation(last, char)) continue;
    out.push(item);
    beforeLast = last;
    last = char;
  }
  return out;
}

/**
 * Text as a reader sees it, with the encoding tricks taken out: compatibility forms folded
 * (NFKC: full-width, circled, math letters), lower case, accents and other combining marks,
 * zero-width and filler characters removed, whitespace collapsed, long repeats shortened.
 * Punctuation and spacing are kept, which suits a character n-gram classifier.
 *
 * @example canonicalText("ＦＵＣＫ\u200b  café!!!!") // "fuck cafe!!"
 */
export function canonicalText(text: string): string {
  // Decompose before lower-casing and again after (İ lower-cases to i + a combining dot), so
  // every mark is separate when marks are dropped; NFC then rebuilds Hangul syllables.
  const folded = text
    .normalize("NFKD")
    .toLowerCase()
    .normalize("NFKD")
    .replace(MIDDLE_DOTS, "·")
    .replace(INVISIBLE, "")
    .replace(SPACES, " ")
    .normalize("NFC")
    .trim();
  return collapseRepeats([...folded], (char) => char).join("");
}
