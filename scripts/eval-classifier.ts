/**
 * Measures the committed classifier on each dataset's `test` split (never used in training
 * or for choosing anything): precision, recall, F1 and ROC AUC for the toxic class, and the
 * confusion matrix at the model's default threshold.
 *
 * @example
 * npm run eval:classifier
 */
import "./lib/binaryImports";
import { DATASETS, loadSplit, type Example } from "./lib/classifier-data";
import { confusionAt, precisionRecallF1, recallAtPrecision, rocAuc } from "./lib/classifier-metrics";

// After binaryImports: the model's weights are a `.bin` import.
const { DEFAULT_TOXICITY_THRESHOLD, score } = await import("../src/moderation/classifier");

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
  rows.push({
    dataset,
    rows: examples.length,
    precision: f3(precision),
    recall: f3(recall),
    F1: f3(f1),
    "ROC AUC": f3(rocAuc(scores, labels)),
    "recall @ P 0.90": f3(atTarget.recall),
    "its threshold": f3(atTarget.threshold),
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
