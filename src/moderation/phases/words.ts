import { defaultBannedWords, defaultSuspectWords } from "../text/defaultWords";
import { compileWordList, findWords } from "../text/wordFilter";
import type { Phase } from "../types";

type Matcher = ReturnType<typeof compileWordList>;

// Compiled lists are kept per isolate: a site's lists change rarely and compiling costs more
// than matching. Bounded so many sites cannot grow it without limit.
const compiled = new Map<string, Matcher>();
const MAX_CACHED = 200;

function matcherFor(defaults: readonly string[], extra: string[]): Matcher {
  const key = `${defaults === defaultBannedWords ? "b" : "s"}\u0000${extra.join("\u0000")}`;
  let matcher = compiled.get(key);
  if (!matcher) {
    if (compiled.size >= MAX_CACHED) compiled.delete(compiled.keys().next().value!);
    matcher = compileWordList([...defaults, ...extra]);
    compiled.set(key, matcher);
  }
  return matcher;
}

/** Rejects comments with a banned word (built-in Korean/English list plus the site's own). */
export const bannedWords: Phase = (input) => {
  const found = findWords(matcherFor(defaultBannedWords, input.settings.bannedWords), input.matchable);
  return found.length ? [{ source: "bannedWords", action: "reject", code: "banned_words", detail: found.join(", ") }] : [];
};

/** Holds comments with a suspect word; borderline, so the author is asked to reconsider first. */
export const suspectWords: Phase = (input) => {
  const found = findWords(matcherFor(defaultSuspectWords, input.settings.suspectWords), input.matchable);
  return found.length ? [{ source: "suspectWords", action: "hold", code: "suspect_words", detail: found.join(", "), borderline: true }] : [];
};
