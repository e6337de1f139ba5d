/**
 * Hangul arithmetic for the normaliser and the word matcher. A precomposed syllable is
 * `0xAC00 + (initial * 21 + vowel) * 28 + final`; evasions work on those parts (ㅅㅂ for 시발,
 * 시이이발 for 시발), so matching has to see them too.
 */

const SYLLABLE_FIRST = 0xac00;
const SYLLABLE_LAST = 0xd7a3;
/** Conjoining initials (choseong) start here; NFKC turns a typed ㅅ (U+3145) into U+1109. */
const CHOSEONG_FIRST = 0x1100;
const JUNGSEONG_FIRST = 0x1161;
const JONGSEONG_FIRST = 0x11a7;
const IEUNG = 11;

/** True for syllables and every block of Hangul jamo (conjoining, compatibility, extended). */
export function isHangul(code: number): boolean {
  return (
    (code >= SYLLABLE_FIRST && code <= SYLLABLE_LAST) ||
    (code >= 0x1100 && code <= 0x11ff) ||
    (code >= 0x3131 && code <= 0x318e) ||
    (code >= 0xa960 && code <= 0xa97f) ||
    (code >= 0xd7b0 && code <= 0xd7ff)
  );
}

function syllableParts(code: number): { initial: number; vowel: number; final: number } | undefined {
  if (code < SYLLABLE_FIRST || code > SYLLABLE_LAST) return undefined;
  const index = code - SYLLABLE_FIRST;
  return { initial: Math.floor(index / 588), vowel: Math.floor((index % 588) / 28), final: index % 28 };
}

/** The initial consonant of a syllable as a conjoining-initial code, a conjoining initial as itself, else 0. */
export function initialCode(code: number): number {
  const parts = syllableParts(code);
  if (parts) return CHOSEONG_FIRST + parts.initial;
  return code >= CHOSEONG_FIRST && code < CHOSEONG_FIRST + 19 ? code : 0;
}

/** The initial consonant of a syllable as NFKC writes a lone typed consonant ("시" → U+1109). */
function choseongOf(char: string): string | undefined {
  const parts = syllableParts(char.charCodeAt(0));
  return parts && String.fromCharCode(CHOSEONG_FIRST + parts.initial);
}

/**
 * True when `char` only stretches the vowel of `previous` ("시" then "이", "바" then "아"), as
 * in 시이이발; such syllables are dropped so the stretched word still matches.
 */
export function isElongation(previous: string | undefined, char: string): boolean {
  // Arithmetic rather than syllableParts: this runs on every letter of every comment.
  const cur = char.charCodeAt(0) - SYLLABLE_FIRST;
  if (cur < 0 || cur > SYLLABLE_LAST - SYLLABLE_FIRST || cur % 28 !== 0 || Math.floor(cur / 588) !== IEUNG) return false;
  const prev = previous === undefined ? -1 : previous.charCodeAt(0) - SYLLABLE_FIRST;
  if (prev < 0 || prev > SYLLABLE_LAST - SYLLABLE_FIRST || prev % 28 !== 0) return false;
  return Math.floor((prev % 588) / 28) === Math.floor((cur % 588) / 28);
}

/**
 * Composes conjoining jamo the way NFC would (initial + vowel, then + final), for text whose
 * letters were brought together only after separators were removed ("ㅅ.ㅣ발" → "시발").
 * Works on an array so the caller's per-letter flags stay aligned: the flag of the first
 * jamo is kept.
 */
export function composeJamo<T extends { char: string }>(letters: T[]): T[] {
  if (!letters.some((l) => l.char >= "\u1100" && l.char <= "\u11ff")) return letters;
  const out: T[] = [];
  for (const letter of letters) {
    const code = letter.char.charCodeAt(0);
    const last = out[out.length - 1];
    const lastCode = last ? last.char.charCodeAt(0) : 0;
    const lastParts = syllableParts(lastCode);
    if (last && lastCode >= CHOSEONG_FIRST && lastCode < CHOSEONG_FIRST + 19 && code >= JUNGSEONG_FIRST && code < JUNGSEONG_FIRST + 21) {
      const syllable = SYLLABLE_FIRST + ((lastCode - CHOSEONG_FIRST) * 21 + (code - JUNGSEONG_FIRST)) * 28;
      out[out.length - 1] = { ...last, char: String.fromCharCode(syllable) };
    } else if (last && lastParts?.final === 0 && code > JONGSEONG_FIRST && code < JONGSEONG_FIRST + 28) {
      out[out.length - 1] = { ...last, char: String.fromCharCode(lastCode + (code - JONGSEONG_FIRST)) };
    } else {
      out.push(letter);
    }
  }
  return out;
}

/**
 * Two-letter initials that are everyday chat, not abuse (ㄱㅅ 감사, ㅅㅍ 스포, ㅇㅈ 인정): a
 * listed word whose initials happen to spell one of these is not matched by its initials.
 */
const COMMON_INITIALS = new Set(
  (
    "ㄱㄱ ㄱㄴ ㄱㄷ ㄱㅅ ㄱㅇ ㄱㅊ ㄴㄱ ㄴㄴ ㄷㄷ ㄹㅇ ㅁㄹ ㅁㅊ ㅂㄷ ㅂㄹ ㅂㅁ ㅂㅂ ㅃㅇ ㅅㄱ ㅅㅇ ㅅㅍ ㅇㄴ ㅇㄷ ㅇㅂ ㅇㅇ ㅇㅈ ㅇㅊ ㅇㅋ " +
    "ㅈㄱ ㅈㅁ ㅈㅅ ㅈㅈ ㅊㅊ ㅊㅋ ㅎㄴ ㅎㅇ ㅎㅎ ㅋㅋ"
  )
    .split(" ")
    .map((s) => s.normalize("NFKC")),
);

/**
 * Every spelling of a word with some syllables written as their initial consonant: 시발 →
 * 시발, ᄉ발, 시ᄇ, ᄉᄇ. Initials alone are left out for one-syllable words (a lone ㅈ means
 * nothing) and for everyday chat initials; long words keep their full spelling only, since
 * variants grow as 2^n.
 */
export function initialVariants(word: string): string[] {
  const chars = [...word];
  const syllables = chars.filter((c) => choseongOf(c) !== undefined).length;
  if (syllables === 0 || syllables > 6) return [word];
  let variants = [""];
  for (const char of chars) {
    const initial = choseongOf(char);
    variants = variants.flatMap((v) => (initial ? [v + char, v + initial] : [v + char]));
  }
  const allInitials = variants[variants.length - 1]!;
  const keepAllInitials = syllables > 1 && !COMMON_INITIALS.has(allInitials);
  return keepAllInitials ? variants : variants.slice(0, -1);
}

/** Vowels written for one another in evasions and typos (병/빙, 존/졵, 같/겉, 새/세), by vowel index. */
const VOWEL_SWAPS: Readonly<Record<number, readonly number[]>> = {
  0: [2, 4], // ㅏ: ㅑ ㅓ
  1: [5, 3], // ㅐ: ㅔ ㅒ
  2: [0], // ㅑ: ㅏ
  4: [0, 6], // ㅓ: ㅏ ㅕ
  5: [1, 7], // ㅔ: ㅐ ㅖ
  6: [4, 20, 17], // ㅕ: ㅓ ㅣ ㅠ
  8: [12], // ㅗ: ㅛ
  12: [8], // ㅛ: ㅗ
  13: [17], // ㅜ: ㅠ
  17: [13, 6], // ㅠ: ㅜ ㅕ
  20: [6], // ㅣ: ㅕ
};
/**
 * Plain initials written tense for emphasis (시발/씨발, 존나/쫀나), by initial index. Not the
 * other way: 씹년 → 십년 "ten years", 찐따 → 찐다 "gains weight".
 */
const TENSE: Readonly<Record<number, number>> = { 0: 1, 3: 4, 7: 8, 9: 10, 12: 13 };

/**
 * Finals with a consonant doubled or added, as evasions write them (존나 → 졵나, 씨발 → 씨밟),
 * by final index: ㄱ→ㄲ ㄳ, ㄴ→ㄵ ㄶ, ㄹ→ㄺ…ㅀ, ㅁ→ㄻ, ㅂ→ㄼ ㅄ, ㅅ→ㅆ ㄳ ㄽ ㅄ. Never
 * dropped or replaced: 지랄 → 지라, 병신 → 변신 are everyday words.
 */
const FINAL_EXTENSIONS: Readonly<Record<number, readonly number[]>> = {
  1: [2, 3],
  4: [5, 6],
  8: [9, 10, 11, 12, 13, 14, 15],
  16: [10],
  17: [11, 18],
  19: [20, 3, 12, 18],
};

const syllable = (initial: number, vowel: number, final: number) => String.fromCharCode(SYLLABLE_FIRST + (initial * 21 + vowel) * 28 + final);

/** One-edit neighbours of a syllable: a vowel swapped for a similar one, a plain initial made tense, a final doubled. */
function syllableNeighbours(char: string): string[] {
  const parts = syllableParts(char.charCodeAt(0));
  if (!parts) return [];
  const { initial, vowel, final } = parts;
  const out = (VOWEL_SWAPS[vowel] ?? []).map((v) => syllable(initial, v, final));
  if (TENSE[initial] !== undefined) out.push(syllable(TENSE[initial], vowel, final));
  for (const f of FINAL_EXTENSIONS[final] ?? []) out.push(syllable(initial, vowel, f));
  return out;
}

/**
 * Spellings of a Hangul word one jamo away in one syllable, as evasions and typos write it:
 * 병신 → 빙신, 븅신, 뼝신…; 존나 → 졵나, 쫀나…; 같은 → 겉은. Words of one syllable
 * have none (too many innocent neighbours), nor do words that are not all Hangul syllables.
 */
export function nearVariants(word: string): string[] {
  const chars = [...word];
  if (chars.length < 2 || chars.length > 5 || !chars.every((c) => syllableParts(c.charCodeAt(0)))) return [];
  return chars.flatMap((char, i) => syllableNeighbours(char).map((near) => [...chars.slice(0, i), near, ...chars.slice(i + 1)].join("")));
}
