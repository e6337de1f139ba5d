/** Shared pieces of the micro benchmarks (word filter, classifier). */

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
