/** Shared pieces of the micro benchmarks (word filter, classifier). */

/** A typical short comment. */
export const SHORT_COMMENT = "기사 잘 봤습니다. 정부 발표는 좀 아쉽네요 ㅋㅋ";

/** Ordinary comment sentences (Korean and English, one with an exception word: 시발점), repeated into long comments. */
export const COMMENT_SENTENCES: readonly string[] = [
  "서울시 발표에 따르면 오후 2시부터 도로가 통제된다고 합니다. ",
  "The assistant minister's statement was a classic non-answer, honestly. ",
  "이번 정책이 경제에 영향을 미친 건 분명하지만 시발점이 어디인지는 따져봐야죠. ",
  "I read the whole article twice and still think the analysis is shallow!! ",
  "ㅋㅋㅋㅋ 진짜 이게 말이 되나요?? 세금은 어디로 가는 건지... ",
];

/** Repeats `sentences` until the comment is exactly `length` characters long. */
export function repeatSentences(sentences: readonly string[], length: number): string {
  let text = "";
  for (let i = 0; text.length < length; i++) text += sentences[i % sentences.length];
  return text.slice(0, length);
}

/** Mean microseconds per call of `fn`, after a warm-up, over at least `minMs` milliseconds. */
export function measure(fn: () => void, minMs = 1000): number {
  for (let i = 0; i < 200; i++) fn();
  let calls = 0;
  const start = performance.now();
  while (performance.now() - start < minMs) {
    for (let i = 0; i < 50; i++) fn();
    calls += 50;
  }
  return ((performance.now() - start) * 1000) / calls;
}
