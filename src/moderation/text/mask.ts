import { findWords, type WordMatcher } from "./wordFilter";

/** What readers see instead of a masked word, whatever its length. */
export const MASK = "○○○";
/** Spaced-out evasions ("시 발") span several tokens; longer ones are held rather than masked. */
const MAX_WINDOW = 6;

const matches = (matcher: WordMatcher, text: string) => findWords(matcher, text).length > 0;

const LATIN = /[a-z]/i;

/**
 * The shortest part of a token that still matches: Korean particles and punctuation stay
 * readable (존나게 → ○○○게, fuck! → ○○○!), but not half an English word (FUCKING → ○○○).
 */
function maskToken(matcher: WordMatcher, token: string): string {
  const chars = [...token];
  let from = 0;
  let to = chars.length;
  const trimmable = (char: string) => !LATIN.test(char);
  while (to - from > 1 && trimmable(chars[from]!) && matches(matcher, chars.slice(from + 1, to).join(""))) from++;
  while (to - from > 1 && trimmable(chars[to - 1]!) && matches(matcher, chars.slice(from, to - 1).join(""))) to--;
  return chars.slice(0, from).join("") + MASK + chars.slice(to).join("");
}

/**
 * The text with every word the matcher finds replaced by ○○○, or undefined when it finds
 * nothing, or cannot say where (an evasion spread over more than a few tokens: such a comment
 * is held instead). Works on the text as written, so only the words change: spacing, line
 * breaks and everything else stay as the author typed them.
 *
 * @example maskWords(compileWordList(["존나"]), "저거 존나게 비싸던데") // "저거 ○○○게 비싸던데"
 */
export function maskWords(matcher: WordMatcher, text: string): string | undefined {
  if (!matches(matcher, text)) return undefined;
  const parts = text.split(/(\s+)/);
  // Even indices are tokens, odd ones the whitespace between them.
  for (let i = 0; i < parts.length; i += 2) if (parts[i] && matches(matcher, parts[i]!)) parts[i] = maskToken(matcher, parts[i]!);
  for (let size = 2; size <= MAX_WINDOW && matches(matcher, parts.join("")); size++) {
    for (let i = 0; i + 2 * (size - 1) < parts.length; i += 2) {
      const window = parts.slice(i, i + 2 * size - 1);
      if (!matches(matcher, window.join(""))) continue;
      parts.splice(i, 2 * size - 1, MASK, ...Array(2 * size - 2).fill(""));
    }
  }
  const masked = parts.join("");
  return matches(matcher, masked) ? undefined : masked;
}
