import { canonicalText, collapseRepeats } from "./canonical";
import { composeJamo, isHangul } from "./hangul";
import { koreanTypedAsLatin } from "./keyboard";
import { resolveLookalikes, type Letter } from "./lookalikes";

export { canonicalText } from "./canonical";
export { AFTER_DIGIT } from "./lookalikes";
/** Flag: a separator was removed just before this letter ("bitch-ass"), so a word may end or start here. */
export const JOINED = 1;
/** Flag: this letter continues a word rebuilt from spaced-out letters ("김 씨 발"); no match starts here. */
export const SPACED_OUT = 2;

/** {@link normalizeForMatching}'s text plus, per UTF-16 index, the flags above. */
export interface MatchableText {
  readonly text: string;
  readonly flags: Uint8Array;
}

const APOSTROPHES = "'’‘`";

const charOfLetter = (letter: Letter) => letter.char;
/** Reads look-alikes, composes jamo and shortens repeats: everything done to one word's letters. */
const settle = (letters: Letter[]) => collapseRepeats(composeJamo(resolveLookalikes(letters)), charOfLetter);

function isWordChar(char: string): boolean {
  const code = char.charCodeAt(0);
  if (code < 0x80) return /[a-z0-9@$!]/.test(char);
  return isHangul(code) || /[\p{L}\p{N}]/u.test(char);
}

interface Piece {
  letters: Letter[];
  /** Whether whitespace (not just punctuation) separated it from the piece before. */
  spacedBefore: boolean;
  /** Whether an apostrophe did, as in "he'll", which must not become "hell". */
  apostropheBefore: boolean;
  /** The piece read on its own ({@link settle}); its length tells a lone letter someone spaced out. */
  settled: Letter[];
  latinOnly: boolean;
  script: "latin" | "hangul" | "other" | "digits";
}

function scriptOf(letters: readonly Letter[]): Piece["script"] {
  if (letters.some((l) => isHangul(l.char.charCodeAt(0)))) return "hangul";
  if (letters.some((l) => l.char >= "a" && l.char <= "z")) return "latin";
  return letters.every((l) => l.char >= "0" && l.char <= "9") ? "digits" : "other";
}

/** Runs of word characters in canonical text, each with what separated it from the previous one. */
function piecesOf(canonical: string): Piece[] {
  const pieces: Piece[] = [];
  let letters: Letter[] = [];
  let spaced = false;
  let apostrophe = false;
  const close = () => {
    const settled = settle(letters);
    if (settled.length > 0) {
      const latinOnly = settled.every((l) => /[a-z0-9]/.test(l.char)) && settled.some((l) => /[a-z]/.test(l.char));
      pieces.push({ letters, spacedBefore: spaced, apostropheBefore: apostrophe, settled, latinOnly, script: scriptOf(settled) });
      spaced = false;
      apostrophe = false;
    }
    letters = [];
  };
  for (const char of canonical) {
    if (isWordChar(char)) {
      letters.push({ char, flags: 0 });
      continue;
    }
    if (letters.length > 0) close();
    if (char === " ") spaced = true;
    if (APOSTROPHES.includes(char)) apostrophe = true;
  }
  if (letters.length > 0) close();
  return pieces;
}

/**
 * Whether two neighbouring pieces are one word someone broke up. Punctuation inside Latin
 * ("f.u.c.k", "fu-ck") joins; elsewhere, and after an apostrophe, it joins only beside a lone
 * letter (시.발 and "it's", but not 서울시·발전 or "he'll"). Spaces join only lone letters
 * ("f u c k", "시 발"), never "서울시 발표".
 */
function belongTogether(previous: Piece, next: Piece): boolean {
  // Nobody disguises a word by mixing scripts letter by letter: "a...5개년" is two words.
  if (previous.script !== next.script && previous.script !== "digits" && next.script !== "digits") return false;
  const lonePrevious = previous.settled.length === 1;
  const loneNext = next.settled.length === 1;
  if (next.spacedBefore) return lonePrevious && loneNext;
  return lonePrevious || loneNext || (previous.latinOnly && next.latinOnly && !next.apostropheBefore);
}

/** Turns a run of joined pieces into the letters of one word, flagged for the matcher. */
function wordOf(group: readonly Piece[]): Letter[] {
  if (group.length === 1) return group[0]!.settled;
  const spacedOut = group.some((p, i) => i > 0 && p.spacedBefore);
  const raw = group.flatMap((piece, i) => piece.letters.map((l, j) => ({ char: l.char, flags: i > 0 && j === 0 && !piece.spacedBefore ? JOINED : 0 })));
  return settle(raw).map((l, i) => ({ char: l.char, flags: i === 0 ? 0 : l.flags | (spacedOut ? SPACED_OUT : 0) }));
}

const isLatinWord = (word: readonly Letter[]) => word.length > 1 && word.every((l) => l.char >= "a" && l.char <= "z");

/**
 * Turns Latin words that are Korean typed with the keyboard in Latin mode back into Hangul
 * ("tlqkf" → 시발; see {@link koreanTypedAsLatin}), in place. In a comment without Hangul, only
 * when such words are at least half its Latin words: an English comment's "work" (재가) stays.
 */
function retypeKorean(words: Letter[][]): void {
  let latinWords = 0;
  let hangul = false;
  const typed: (string | undefined)[] = words.map((word) => {
    if (!isLatinWord(word)) {
      hangul ||= word.some((l) => isHangul(l.char.charCodeAt(0)));
      return undefined;
    }
    latinWords++;
    return koreanTypedAsLatin(word.map((l) => l.char).join(""));
  });
  const found = typed.filter((t) => t !== undefined).length;
  if (found === 0 || (!hangul && found * 2 < latinWords)) return;
  typed.forEach((hangulText, i) => {
    if (hangulText === undefined) return;
    const word = words[i]!;
    words[i] = [...hangulText].map((char, j) => ({ char, flags: j === 0 ? word[0]!.flags : word[1]!.flags & SPACED_OUT }));
  });
}

/**
 * Prepares text for the word matcher: {@link canonicalText}, then words rebuilt from the
 * separators people slip between letters ("f.u.c.k", "f u c k", "시 발", "시1발" all become
 * one word), look-alikes read as letters ("5h1t", "@ss"), Korean typed in Latin mode read as
 * Hangul ("tlqkf" → 시발), and every other punctuation mark gone. Words are separated by single spaces; the flags tell the matcher where the rebuilt
 * words were joined.
 */
export function prepareForMatching(text: string): MatchableText {
  const pieces = piecesOf(canonicalText(text));
  const words: Letter[][] = [];
  let group: Piece[] = [];
  for (const piece of pieces) {
    const previous = group[group.length - 1];
    if (previous && !belongTogether(previous, piece)) {
      words.push(wordOf(group));
      group = [];
    }
    group.push(piece);
  }
  if (group.length > 0) words.push(wordOf(group));
  retypeKorean(words);
  const chars: string[] = [];
  const flagList: number[] = [];
  for (const word of words) {
    if (word.length === 0) continue;
    if (chars.length > 0) {
      chars.push(" ");
      flagList.push(0);
    }
    for (const { char, flags } of word) {
      chars.push(char);
      flagList.push(flags);
      if (char.length === 2) flagList.push(0); // an astral letter is two UTF-16 units
    }
  }
  return { text: chars.join(""), flags: Uint8Array.from(flagList) };
}

/**
 * The text the word lists are matched against, usable on its own (duplicate detection,
 * n-gram features): evasions undone, one space between words, no punctuation.
 *
 * @example normalizeForMatching("F.u.c.k   y0u!!") // "fuck you"
 * @example normalizeForMatching("시1발 ㅋㅋㅋㅋ") // "시발 ᄏᄏ" (typed jamo become conjoining jamo under NFKC)
 */
export function normalizeForMatching(text: string): string {
  return prepareForMatching(text).text;
}
