/**
 * Measures the committed classifier on each dataset's `test` split (never used in training
 * or for choosing anything): precision, recall, F1 and ROC AUC for the toxic class, recall at
 * precision 0.90 (and the threshold that gives it), the confusion matrix at the model's default
 * threshold, and precision / recall of the score and the built-in word lists together.
 *
 * @example
 * npm run eval:classifier
 */
import "./lib/binaryImports";
import { DATASETS, loadSplit, type Example } from "./lib/classifier-data";
import { confusionAt, precisionRecallF1, recallAtPrecision, rocAuc } from "./lib/classifier-metrics";

// After binaryImports: the model's weights are a `.bin` import.
const { DEFAULT_TOXICITY_THRESHOLD, score } = await import("../src/moderation/classifier");
const { defaultBannedWords, defaultProfanityWords, defaultSuspectWords } = await import("../src/moderation/text/defaultWords");
const { compileWordList, findWords } = await import("../src/moderation/text/wordFilter");
/** Every built-in list: what the pipeline holds or rejects without the classifier (under the default policy). */
const lists = compileWordList([...defaultBannedWords, ...defaultProfanityWords, ...defaultSuspectWords]);

const threshold = DEFAULT_TOXICITY_THRESHOLD;
const started = performance.now();
const f3 = (x: number) => x.toFixed(3);

/** Recall within one finer label (e.g. Davidson's hate_speech), which the README asks to report apart. */
function recallWithin(examples: Example[], scores: number[], fine: (e: Example) => boolean): string {
  const rows = examples.flatMap((e, i) => (e.toxic && fine(e) ? [scores[i]!] : []));
  return `${f3(rows.filter((s) => s >= threshold).length / rows.length)} of ${rows.length}`;
}

const FINE_LABELS: Record<string, (e: Example) => boolean> = {
  hate_speech: (e) => e.fine === "hate_speech",
  offensive_language: (e) => e.fine === "offensive_language",
  hate: (e) => e.fine.startsWith("hate;"),
  offensive: (e) => e.fine.startsWith("offensive;"),
  profanity: (e) => e.fine.includes("profanity"),
  politics: (e) => e.fine.includes("politics"),
};

console.log(`threshold ${threshold} (the model's default), toxic = positive class\n`);
const rows = [];
for (const dataset of DATASETS) {
  const examples = loadSplit(dataset, "test");
  const scores = examples.map((e) => score(e.text).toxic);
  const labels = examples.map((e) => e.toxic);
  const confusion = confusionAt(scores, labels, threshold);
  const { precision, recall, f1 } = precisionRecallF1(confusion);
  const atTarget = recallAtPrecision(scores, labels, 0.9);
  // The pipeline's view: held or rejected by the score or by a built-in word list.
  const flagged = examples.map((e, i) => (scores[i]! >= threshold || findWords(lists, e.text).length > 0 ? 1 : 0));
  const withLists = precisionRecallF1(confusionAt(flagged, labels, 1));
  rows.push({
    dataset,
    rows: examples.length,
    precision: f3(precision),
    recall: f3(recall),
    F1: f3(f1),
    "ROC AUC": f3(rocAuc(scores, labels)),
    "recall @ P 0.90": f3(atTarget.recall),
    "its threshold": f3(atTarget.threshold),
    "with lists P / R": `${f3(withLists.precision)} / ${f3(withLists.recall)}`,
  });
  console.log(`${dataset} (${examples.length} rows)`);
  console.log(`                 predicted toxic  predicted ok`);
  console.log(`  actual toxic   ${String(confusion.tp).padStart(15)}  ${String(confusion.fn).padStart(12)}`);
  console.log(`  actual ok      ${String(confusion.fp).padStart(15)}  ${String(confusion.tn).padStart(12)}`);
  const fine = Object.entries(FINE_LABELS).filter(([, match]) => examples.some((e) => e.toxic && match(e)));
  console.log(`  recall by label: ${fine.map(([name, match]) => `${name} ${recallWithin(examples, scores, match)}`).join(", ")}\n`);
}
console.table(rows);
console.log(`(${((performance.now() - started) / 1000).toFixed(1)} s)`);
