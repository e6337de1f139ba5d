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
import { measure, repeatSentences } from "./lib/microbench";

const SHORT = "기사 잘 봤습니다. 정부 발표는 좀 아쉽네요 ㅋㅋ";
const SENTENCES = [
  "서울시 발표에 따르면 오후 2시부터 도로가 통제된다고 합니다. ",
  "The assistant minister's statement was a classic non-answer, honestly. ",
  "이번 정책이 경제에 영향을 미친 건 분명하지만 시발점이 어디인지는 따져봐야죠. ",
  "I read the whole article twice and still think the analysis is shallow!! ",
  "ㅋㅋㅋㅋ 진짜 이게 말이 되나요?? 세금은 어디로 가는 건지... ",
  "f.u.c.k this policy, 시1발 정말 너무하네 ",
];



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
