/**
 * Micro benchmark of the word filter: microseconds per comment against the full default
 * lists, for a short comment and a 3000-character one, plus what compiling a list costs.
 *
 * @example
 * npx tsx scripts/bench-wordfilter.ts
 */
import { defaultBannedWords, defaultSuspectWords } from "../src/moderation/text/defaultWords";
import { prepareForMatching } from "../src/moderation/text/normalize";
import { compileWordList, findWords } from "../src/moderation/text/wordFilter";
import { COMMENT_SENTENCES, measure, repeatSentences, SHORT_COMMENT as SHORT } from "./lib/microbench";

/** The shared comment sample, plus what this benchmark's target must find in it. */
const SENTENCES = [...COMMENT_SENTENCES, "f.u.c.k this policy, 시1발 정말 너무하네 "];

const compileUs = measure(() => compileWordList(defaultBannedWords), 500);
const banned = compileWordList(defaultBannedWords);
const suspect = compileWordList(defaultSuspectWords);
const LONG = repeatSentences(SENTENCES, 3000);

const rows = [
  { comment: `short (${SHORT.length} chars)`, text: SHORT },
  { comment: `long (${LONG.length} chars)`, text: LONG },
].map(({ comment, text }) => ({
  comment,
  "normalise µs": measure(() => prepareForMatching(text)).toFixed(1),
  "banned+suspect µs": measure(() => {
    const prepared = prepareForMatching(text);
    findWords(banned, prepared);
    findWords(suspect, prepared);
  }).toFixed(1),
  found: [...findWords(banned, text), ...findWords(suspect, text)].join(", ") || "-",
}));

console.log(`lists: ${defaultBannedWords.length} banned, ${defaultSuspectWords.length} suspect entries`);
console.log(`compile the banned list: ${compileUs.toFixed(0)} µs`);
console.table(rows);
