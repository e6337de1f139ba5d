import { initialVariants, isHangul, nearVariants } from "./hangul";
import { normalizeForMatching } from "./normalize";

/**
 * One line of a word list, read. The syntax, for moderators:
 * - `fuck` — English (any non-Hangul) words match as whole words only, so "class" never
 *   matches "ass"; separators inside them do not help ("f.u.c.k", "f u c k").
 * - `병신` — Hangul of two or more syllables matches inside words (병신같은), as Korean
 *   profanity is usually attached to particles and endings; also spelled with initials (ㅂㅅ, 병ㅅ)
 *   and one jamo off in one syllable (빙신, 졵나, 쫀나: see `nearVariants`).
 * - `좆` — a single Hangul syllable matches only as a whole word, since one syllable inside
 *   longer words is too often innocent.
 * - `*` at the start or end lets the word continue on that side (`fuck*` → "fucking",
 *   `*shit` → "bullshit", `*fuck*` anywhere); a side without `*` must then be a word edge.
 * - `!시발점` — an exception: matches of this list's words that share letters with it are
 *   ignored, for innocent words that contain a listed one (시발점 "starting point" has 시발).
 * Spaces and case in entries do not matter: entries are normalised like the text.
 */
export interface WordEntry {
  /** The entry as listed (trimmed), which is what a match reports. */
  original: string;
  exception: boolean;
  /** Whether the match may start inside a word / end inside a word. */
  startFree: boolean;
  endFree: boolean;
  /** Normalised spellings to look for. */
  variants: string[];
}

export function parseEntry(line: string): WordEntry | undefined {
  const original = line.trim();
  const exception = original.startsWith("!");
  const body = exception ? original.slice(1).trim() : original;
  const startWild = body.startsWith("*");
  const endWild = body.endsWith("*");
  const text = normalizeForMatching(body.replace(/^\*+|\*+$/g, ""));
  if (text === "") return undefined;
  const hangul = isHangul(text.charCodeAt(0));
  const inside = !startWild && !endWild && hangul && [...text.replace(/ /g, "")].length > 1;
  return {
    original,
    exception,
    startFree: startWild || inside,
    endFree: endWild || inside,
    // Exceptions name real words, so only their full spelling is an exception.
    variants: exception ? [text] : [...initialVariants(text), ...(inside ? nearVariants(text) : [])],
  };
}
