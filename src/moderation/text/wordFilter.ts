import { isHangul } from "./hangul";
import { AFTER_DIGIT, JOINED, prepareForMatching, SPACED_OUT, type MatchableText } from "./normalize";
import { parseEntry, type WordEntry } from "./wordEntry";

// Character classes for word edges: a Latin word ends where Hangul starts and vice versa,
// but digits glue to both ("2024년" does not contain the word 년).
const SPACE = 0;
const LATIN = 1;
const HANGUL = 2;
const DIGIT = 3;
const OTHER = 4;

function classOf(code: number): number {
  if (code === 32) return SPACE;
  if (code >= 97 && code <= 122) return LATIN;
  if (code >= 48 && code <= 57) return DIGIT;
  return isHangul(code) ? HANGUL : OTHER;
}

/** l and i are one letter for matching, as 1 stands for either ("s1ut", "k1ll"). */
const fold = (code: number) => (code === 108 ? 105 : code);

interface Ending extends Pick<WordEntry, "exception" | "startFree" | "endFree"> {
  entry: number;
  firstClass: number;
  lastClass: number;
}

interface TrieNode {
  /** Keyed by `code * 2 + (run length - 1)`, run lengths being 1 or 2 (see {@link runsOf}). */
  next: Map<number, TrieNode>;
  endings: Ending[];
}

/**
 * Text as runs of one letter, the run length capped at 2: "fuuck" is f,u×2,c,k. A listed
 * run of one matches a run of one or two, so "fuuuuck" (normalised to "fuuck") matches
 * "fuck", while "as" does not match "ass".
 */
function runsOf(text: string): { codes: number[]; twice: boolean[]; starts: number[] } {
  const runs = { codes: [] as number[], twice: [] as boolean[], starts: [] as number[] };
  for (let i = 0; i < text.length; ) {
    const code = fold(text.charCodeAt(i));
    let end = i + 1;
    while (end < text.length && fold(text.charCodeAt(end)) === code) end++;
    runs.codes.push(code);
    runs.twice.push(end - i > 1);
    runs.starts.push(i);
    i = end;
  }
  return runs;
}

/** A compiled word list; build it once with {@link compileWordList} and reuse it. */
export class WordMatcher {
  readonly #root: TrieNode = { next: new Map(), endings: [] };
  readonly #entries: string[] = [];

  constructor(lines: readonly string[]) {
    const seen = new Set<string>();
    for (const line of lines) {
      const entry = parseEntry(line);
      const key = entry && `${entry.exception}${entry.startFree}${entry.endFree}${entry.variants[0]}`;
      if (!entry || seen.has(key!)) continue;
      seen.add(key!);
      const index = this.#entries.push(entry.original) - 1;
      const { exception, startFree, endFree } = entry;
      for (const variant of entry.variants) this.#insert(variant, { exception, startFree, endFree, entry: index, firstClass: 0, lastClass: 0 });
    }
  }

  /** How many distinct entries (exceptions included) the list holds. */
  get size(): number {
    return this.#entries.length;
  }

  #insert(variant: string, ending: Ending): void {
    const { codes, twice } = runsOf(variant);
    let node = this.#root;
    codes.forEach((code, i) => {
      const key = code * 2 + (twice[i] ? 1 : 0);
      let child = node.next.get(key);
      if (!child) {
        child = { next: new Map(), endings: [] };
        node.next.set(key, child);
      }
      node = child;
    });
    node.endings.push({ ...ending, firstClass: classOf(codes[0]!), lastClass: classOf(codes[codes.length - 1]!) });
  }

  /** The entries found in `text` (as listed, in list order, each once). */
  find(input: string | MatchableText): string[] {
    const { text, flags } = typeof input === "string" ? prepareForMatching(input) : input;
    const { codes, twice, starts } = runsOf(text);
    const classes = codes.map(classOf);
    // Whether a word may end between runs i - 1 and i, its letter there of class `cls` and the
    // letter across of class `other` (undefined at either end of the text).
    const edge = (i: number, cls: number, other: number | undefined) =>
      other === undefined || other === SPACE || (flags[starts[i]!]! & JOINED) !== 0 || (other !== cls && other !== DIGIT && cls !== DIGIT);
    // Korean inside words, but not right after a number: 10시발 is "departing at 10", 5개년 "five-year".
    const afterDigit = (r: number) => (r > 0 && classes[r - 1] === DIGIT) || (flags[starts[r]!]! & AFTER_DIGIT) !== 0;
    const fits = (e: Ending, r: number, k: number) =>
      (e.startFree ? !(e.firstClass === HANGUL && afterDigit(r)) : edge(r, e.firstClass, classes[r - 1])) &&
      (e.endFree || edge(k + 1, e.lastClass, classes[k + 1]));

    const found: { ending: Ending; from: number; to: number }[] = [];
    // From `node`, having matched runs r..k - 1, follow run k (as listed once, or twice).
    const walk = (node: TrieNode, r: number, k: number): void => {
      if (k === codes.length) return;
      const key = codes[k]! * 2;
      for (const child of [node.next.get(key), twice[k] ? node.next.get(key + 1) : undefined]) {
        if (!child) continue;
        for (const ending of child.endings) if (fits(ending, r, k)) found.push({ ending, from: r, to: k });
        walk(child, r, k + 1);
      }
    };
    for (let r = 0; r < codes.length; r++) if ((flags[starts[r]!]! & SPACED_OUT) === 0) walk(this.#root, r, r);
    return this.#reported(found);
  }

  /**
   * Drops matches sharing letters with an exception's match (those letters belong to the
   * innocent word: 이…새끼손가락), then names each remaining entry once.
   */
  #reported(found: { ending: Ending; from: number; to: number }[]): string[] {
    const exceptions = found.filter((m) => m.ending.exception);
    const hits = new Set<number>();
    for (const m of found) {
      if (m.ending.exception || hits.has(m.ending.entry)) continue;
      if (!exceptions.some((x) => x.from <= m.to && m.from <= x.to)) hits.add(m.ending.entry);
    }
    return [...hits].sort((a, b) => a - b).map((i) => this.#entries[i]!);
  }
}

/**
 * Compiles a word list (syntax in {@link WordEntry}: whole English words, Korean inside words,
 * `*` wildcards at the ends, `!` exceptions) into a matcher that scans a comment once,
 * whatever the list's length. Compile once per list and keep it.
 *
 * @example
 * const banned = compileWordList(["fuck*", "시발", "!시발점"]);
 * findWords(banned, "F.u.c.k.i.n.g 시1발"); // ["fuck*", "시발"]
 * findWords(banned, "개혁의 시발점"); // []
 */
export function compileWordList(words: readonly string[]): WordMatcher {
  return new WordMatcher(words);
}

/**
 * The list's entries found in `text`, deduplicated. Pass {@link prepareForMatching}'s result
 * instead of the text to share the normalisation between several lists.
 */
export function findWords(matcher: WordMatcher, text: string | MatchableText): string[] {
  return matcher.find(text);
}
