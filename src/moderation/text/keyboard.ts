import { KEY_BIGRAMS } from "./keyboardBigrams";

/**
 * Hangul typed with the keyboard left in Latin mode (두벌식, the standard Korean layout):
 * "tlqkf" is 시발 typed blind, and a common evasion. Keys are lower case here: the text was
 * folded before this runs, so shifted keys (T for ㅆ) read as their plain ones (ㅅ).
 */

/** Consonant keys: [initial index, final index] in the syllable formula (final -1: none). */
const CONSONANTS: Readonly<Record<string, readonly [number, number]>> = {
  r: [0, 1],
  s: [2, 4],
  e: [3, 7],
  f: [5, 8],
  a: [6, 16],
  q: [7, 17],
  t: [9, 19],
  d: [11, 21],
  w: [12, 22],
  c: [14, 23],
  z: [15, 24],
  x: [16, 25],
  v: [17, 26],
  g: [18, 27],
};

/** Vowel keys: vowel index. */
const VOWELS: Readonly<Record<string, number>> = { k: 0, o: 1, i: 2, j: 4, p: 5, u: 6, h: 8, y: 12, n: 13, b: 17, m: 18, l: 20 };

/** Two vowel keys typed in a row that make one vowel (ㅗ + ㅏ = ㅘ). */
const COMPOUND_VOWELS: Readonly<Record<string, number>> = { "8,0": 9, "8,1": 10, "8,20": 11, "13,4": 14, "13,5": 15, "13,20": 16, "18,20": 19 };

/** Two final consonants typed in a row that make one (ㄹ + ㄱ = ㄺ), by final index. */
const COMPOUND_FINALS: Readonly<Record<string, number>> = {
  "1,19": 3,
  "4,22": 5,
  "4,27": 6,
  "8,1": 9,
  "8,16": 10,
  "8,17": 11,
  "8,19": 12,
  "8,25": 13,
  "8,26": 14,
  "8,27": 15,
  "17,19": 18,
};

/**
 * The Hangul a run of lower-case Latin letters types on a 두벌식 keyboard, or undefined when
 * it does not type whole syllables (a vowel with no consonant before it, a consonant left
 * over): "tlqkf" → "시발", "hello" → undefined.
 *
 * @example typedHangul("qudtls") // "병신"
 */
export function typedHangul(keys: string): string | undefined {
  let out = "";
  let i = 0;
  const consonant = (k: number) => CONSONANTS[keys[k]!];
  const vowel = (k: number) => VOWELS[keys[k]!];
  while (i < keys.length) {
    const initial = consonant(i);
    let medial = vowel(i + 1);
    if (!initial || medial === undefined) return undefined;
    i += 2;
    const compound = vowel(i) !== undefined ? COMPOUND_VOWELS[`${medial},${vowel(i)}`] : undefined;
    if (compound !== undefined) {
      medial = compound;
      i++;
    }
    let final = 0;
    // A consonant is this syllable's final unless a vowel follows it (then it starts the next).
    if (consonant(i) && vowel(i + 1) === undefined) {
      final = consonant(i)![1];
      i++;
      const second = consonant(i) && vowel(i + 1) === undefined ? COMPOUND_FINALS[`${final},${consonant(i)![1]}`] : undefined;
      if (second !== undefined) {
        final = second;
        i++;
      }
    }
    out += String.fromCharCode(0xac00 + (initial[0] * 21 + medial) * 28 + final);
  }
  return out;
}

/** Key order of the bigram table: a–z, then the word edge. */
const EDGE = 26;
const keyIndex = (code: number) => (code >= 97 && code <= 122 ? code - 97 : EDGE);

/**
 * Log-odds, Korean typed on a Latin keyboard against English, of a word's key bigrams (edges
 * included), from the generated table (`npm run train:keyboard`). Korean typed blind strings
 * together keys English rarely joins ("tl", "qk", "kf").
 */
export function koreanKeyOdds(word: string): number {
  let odds = 0;
  let previous = EDGE;
  for (let i = 0; i <= word.length; i++) {
    const key = i < word.length ? keyIndex(word.charCodeAt(i)) : EDGE;
    odds += KEY_BIGRAMS[previous * 27 + key]! / 10;
    previous = key;
  }
  return odds;
}

/**
 * The Hangul a Latin word was meant as, when it is not plausible English: at least four keys,
 * whole syllables (at least two), and key bigrams likelier in Korean typed blind than in
 * English ("rock" types 개차, but its keys are English; "hello" types no syllables at all).
 *
 * @example koreanTypedAsLatin("tlqkf") // "시발"
 * @example koreanTypedAsLatin("fuck") // undefined (려차, but English keys)
 */
export function koreanTypedAsLatin(word: string): string | undefined {
  if (word.length < 4) return undefined;
  const hangul = typedHangul(word);
  if (!hangul || hangul.length < 2) return undefined;
  return koreanKeyOdds(word) > 0 ? hangul : undefined;
}

const KEY_OF_INITIAL = "rRseEfaqQtTdwWczxvg";
const KEYS_OF_VOWEL = ["k", "o", "i", "O", "j", "p", "u", "P", "h", "hk", "ho", "hl", "y", "n", "nj", "np", "nl", "b", "m", "ml", "l"];
const KEYS_OF_FINAL = [
  "",
  "r",
  "R",
  "rt",
  "s",
  "sw",
  "sg",
  "e",
  "f",
  "fr",
  "fa",
  "fq",
  "ft",
  "fx",
  "fv",
  "fg",
  "a",
  "q",
  "qt",
  "t",
  "T",
  "d",
  "w",
  "c",
  "z",
  "x",
  "v",
  "g",
];

/**
 * The keys that type a Hangul text on a 두벌식 keyboard, lower-cased as the normaliser
 * would see them (시발 → "tlqkf"); other characters are kept. For training the key table.
 */
export function keysOf(text: string): string {
  let out = "";
  for (const char of text) {
    const index = char.charCodeAt(0) - 0xac00;
    if (index < 0 || index > 11171) {
      out += char;
      continue;
    }
    out += KEY_OF_INITIAL[Math.floor(index / 588)]! + KEYS_OF_VOWEL[Math.floor((index % 588) / 28)]! + KEYS_OF_FINAL[index % 28]!;
  }
  return out.toLowerCase();
}
