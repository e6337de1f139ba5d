import { isHangul } from "./hangul";

/**
 * Flag: a digit padding Hangul was dropped just before this letter. "개발5개년" becomes
 * "개발개년", and a Korean word may not start here, as it may not right after a digit.
 */
export const AFTER_DIGIT = 4;

/** One letter of text being normalised, with the normaliser's flags riding along. */
export interface Letter {
  char: string;
  flags: number;
}

/** Digits and symbols written for Latin letters (5h1t, @ss, sh!t). 1 reads as i; l is folded to i when matching. */
const LETTER_FOR: Readonly<Record<string, string>> = {
  "0": "o",
  "1": "i",
  "3": "e",
  "4": "a",
  "5": "s",
  "7": "t",
  "@": "a",
  $: "s",
  "!": "i",
};

/** Cyrillic and Greek letters drawn like Latin ones, slipped into Latin words ("fuсk" with a Cyrillic с). */
const LATIN_FOR: Readonly<Record<string, string>> = {
  а: "a",
  в: "b",
  е: "e",
  к: "k",
  м: "m",
  н: "h",
  о: "o",
  р: "p",
  с: "c",
  т: "t",
  у: "y",
  х: "x",
  і: "i",
  ј: "j",
  ѕ: "s",
  һ: "h",
  ԁ: "d",
  ԛ: "q",
  ԝ: "w",
  α: "a",
  β: "b",
  ε: "e",
  ι: "i",
  κ: "k",
  ν: "v",
  ο: "o",
  ρ: "p",
  τ: "t",
  υ: "u",
  χ: "x",
};

const isLatin = (char: string) => char >= "a" && char <= "z";
const isDigit = (char: string) => char >= "0" && char <= "9";
/** Digits and the symbols above are not letters: they take their meaning from the letters around them. */
const isLetter = (char: string) => !isDigit(char) && char !== "@" && char !== "$" && char !== "!";

/** For each position, the nearest real letter before it (scanning `step` = -1) or after it (+1). */
function nearestLetters(letters: readonly Letter[], step: 1 | -1): (string | undefined)[] {
  const nearest: (string | undefined)[] = new Array(letters.length);
  let seen: string | undefined;
  for (let i = step === 1 ? letters.length - 1 : 0; i >= 0 && i < letters.length; i -= step) {
    nearest[i] = seen;
    if (isLetter(letters[i]!.char)) seen = letters[i]!.char;
  }
  return nearest;
}

/** What one character of a word reads as, given the nearest real letters on each side. */
function resolveChar(char: string, left: string | undefined, right: string | undefined): string | undefined {
  if (isLetter(char)) return char;
  const latinNearby = (left !== undefined && isLatin(left)) || (right !== undefined && isLatin(right));
  const lookalike = LETTER_FOR[char];
  if (latinNearby && lookalike && (char !== "!" || (left !== undefined && right !== undefined))) return lookalike;
  if (!isDigit(char)) return undefined;
  const inHangul = left !== undefined && right !== undefined && isHangul(left.charCodeAt(0)) && isHangul(right.charCodeAt(0));
  return inHangul && !latinNearby ? undefined : char;
}

/**
 * Reads digits and symbols inside one word the way its letters suggest. Next to a Latin letter
 * they are look-alikes (5h1t → shit, a$$ → ass; "!" only between letters, so "shit!" stays
 * "shit"); between Hangul they are padding (시1발 → 시발); elsewhere a digit is a digit ("2024",
 * "3시") and a lone symbol is dropped. Words with a Latin letter also get their Cyrillic and
 * Greek look-alikes turned into Latin. A dropped letter hands its flags to the next one kept.
 */
export function resolveLookalikes(word: Letter[]): Letter[] {
  const hasLatin = word.some((l) => isLatin(l.char));
  // Most words are plain letters: nothing to read differently.
  if (word.every((l) => isLetter(l.char) && !(hasLatin && LATIN_FOR[l.char]))) return word;
  const letters = hasLatin ? word.map((l) => ({ ...l, char: LATIN_FOR[l.char] ?? l.char })) : [...word];
  const before = nearestLetters(letters, -1);
  const after = nearestLetters(letters, 1);
  const out: Letter[] = [];
  let carried = 0;
  letters.forEach((letter, i) => {
    const resolved = resolveChar(letter.char, before[i], after[i]);
    if (resolved === undefined) {
      carried |= letter.flags | (isDigit(letter.char) ? AFTER_DIGIT : 0);
    } else {
      out.push({ char: resolved, flags: letter.flags | carried });
      carried = 0;
    }
  });
  return out;
}
