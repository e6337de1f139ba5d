import type { SiteSettings } from "../../sites/settings";
import { defaultBannedWords, defaultProfanityWords, defaultSuspectWords } from "../text/defaultWords";
import { compileWordList, findWords, type WordMatcher } from "../text/wordFilter";
import type { Finding, Phase } from "../types";

// Compiled lists are kept per isolate: a site's lists change rarely and compiling costs more
// than matching. Bounded so many sites cannot grow it without limit.
const compiled = new Map<string, WordMatcher>();
const MAX_CACHED = 200;

function matcherFor(kind: "banned" | "suspect" | "profanity", defaults: readonly string[], extra: readonly string[]): WordMatcher {
  const key = `${kind}\u0000${extra.join("\u0000")}`;
  let matcher = compiled.get(key);
  if (!matcher) {
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    matcher = compileWordList([...defaults, ...extra]);
    compiled.set(key, matcher);
  }
  return matcher;
}

/** Intensifier profanity: the built-in list plus the site's own `profanityWords`; its policy is the site's `profanity` setting. */
export const profanityMatcher = (settings: Pick<SiteSettings, "profanityWords">): WordMatcher =>
  matcherFor("profanity", defaultProfanityWords, settings.profanityWords);

/** Rejects comments with a banned word (built-in Korean/English list plus the site's own). */
export const bannedWords: Phase = (input) => {
  const found = findWords(matcherFor("banned", defaultBannedWords, input.settings.bannedWords), input.matchable);
  return found.length ? [{ source: "bannedWords", action: "reject", code: "banned_words", detail: found.join(", ") }] : [];
};

/**
 * Applies the site's profanity policy to intensifier profanity: reject; hold (borderline, so
 * the author is asked first); or mask, which publishes with the words as ○○○ once the author
 * confirms — held instead when the words could not be located to mask (`input.masked` null).
 */
export const profanityWords: Phase = (input) => {
  const found = findWords(profanityMatcher(input.settings), input.matchable);
  if (found.length === 0) return [];
  const finding: Finding = { source: "profanityWords", action: "hold", code: "profanity", detail: found.join(", "), borderline: true };
  const policy: SiteSettings["profanity"] = input.settings.profanity;
  if (policy === "reject") return [{ ...finding, action: "reject", borderline: false }];
  if (policy === "mask" && input.masked !== null) return [{ ...finding, action: "mask" }];
  return [finding];
};

/** Holds comments with a suspect word; borderline, so the author is asked to reconsider first. */
export const suspectWords: Phase = (input) => {
  const found = findWords(matcherFor("suspect", defaultSuspectWords, input.settings.suspectWords), input.matchable);
  return found.length ? [{ source: "suspectWords", action: "hold", code: "suspect_words", detail: found.join(", "), borderline: true }] : [];
};
