/**
 * Micro benchmark of the built-in classifier: microseconds per comment for a short comment
 * and a 3000-character one, with and without normalisation (the pipeline normalises once for
 * the word filters and hands the result to the classifier), plus the one-off model load.
 *
 * @example
 * npm run bench:classifier
 */
import "./lib/binaryImports";
import { classifierText, extractFeatures } from "../src/moderation/classifier/features";
import { loadModel } from "../src/moderation/classifier/weights";
import { COMMENT_SENTENCES, measure, repeatSentences, SHORT_COMMENT as SHORT } from "./lib/microbench";

// After binaryImports: the model's weights are a `.bin` import.
const { MODEL } = await import("../src/moderation/classifier/model");
const { score } = await import("../src/moderation/classifier");

/** The shared comment sample, plus what this benchmark's target must find in it. */
const SENTENCES = [...COMMENT_SENTENCES, "너 같은 쓰 레 기 는 댓글 쓰지 마라 "];

const loadStart = performance.now();
loadModel(MODEL);
const loadMs = performance.now() - loadStart;
const LONG = repeatSentences(SENTENCES, 3000);

const rows = [
  { comment: `short (${SHORT.length} chars)`, text: SHORT },
  { comment: `long (${LONG.length} chars)`, text: LONG },
].map(({ comment, text }) => {
  const normalized = classifierText(text);
  return {
    comment,
    "score µs": measure(() => score(text)).toFixed(1),
    "of which normalising µs": measure(() => classifierText(text)).toFixed(1),
    "score, text already normalised µs": measure(() => score(text, normalized)).toFixed(1),
    "features only µs": measure(() => extractFeatures(text, MODEL.features, normalized)).toFixed(1),
    toxic: score(text).toxic.toFixed(3),
  };
});

console.log(
  `model: 2^${MODEL.features.hashBits} four-bit weights, ${(MODEL.weights.byteLength / 1024).toFixed(0)} KiB in model.bin; first load ${loadMs.toFixed(1)} ms`,
);
console.table(rows);
