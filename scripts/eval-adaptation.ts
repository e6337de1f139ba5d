/**
 * Measures per-site adaptation: trains a base model in-process WITHOUT K-MHaS (the other train
 * splits, as `npm run train:classifier` does), then replays the K-MHaS test split as one site
 * through the Worker's own pipeline (`moderate`), site scoring, online learner and threshold
 * calibration. A simulated moderator decides comments by their labels; after K decisions the
 * site's model and threshold are frozen and measured on a held-out tail of the stream.
 *
 * Two moderators: `queue` labels only what a real one sees (held comments approved or rejected,
 * published abusive ones removed, wrongly rejected ones restored; published clean comments stay
 * unlabelled and count as clean for calibration); `every` labels each of the first K comments.
 *
 * @example
 * npm run eval:adaptation            # K-MHaS test
 * npm run eval:adaptation -- --tune  # the K-MHaS train split instead (for choosing the learner's rates)
 */
import "./lib/binaryImports";
import { extractFeatures, type Features } from "../src/moderation/classifier/features";
import { loadModel, probability } from "../src/moderation/classifier/weights";
import { DATASETS, isValidation, loadSplit } from "./lib/classifier-data";
import { confusionAt, lowestThresholdFor, precisionRecallF1, rocAuc } from "./lib/classifier-metrics";
import { toModelData } from "./lib/classifier-model";
import { trainAcrossDatasets, trainingExamples } from "./lib/classifier-train";
import type { StreamComment } from "./lib/adaptation-replay";

// After binaryImports: the pipeline reaches the committed model's `.bin` weights.
const { replaySite } = await import("./lib/adaptation-replay");
const { MODEL } = await import("../src/moderation/classifier/model");

/** The committed model's recipe (its features, and the epochs and L2 train:classifier chose: see model.ts's notes). */
const FEATURES = MODEL.features;
const TRAIN = { dimensions: 1 << FEATURES.hashBits, epochs: 16, learningRate: 0.1, l2: 1e-4, seed: 20240611 };
const TARGET = 0.9;
const KS = [0, 100, 250, 500, 1000];
/** The stream's last 40% is never learnt from: every K is measured on the same comments. */
const TAIL_SHARE = 0.4;
const HELD_OUT = "k-mhas";

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const tune = process.argv.includes("--tune");

// 1. The base model, trained as train-classifier does but without the site's dataset.
const sources = DATASETS.filter((d) => d !== HELD_OUT);
const all = sources.flatMap((dataset) => loadSplit(dataset, "train"));
const fit = all.filter((e) => !isValidation(e.text));
const validation = all.filter((e) => isValidation(e.text));
const base = loadModel(toModelData(trainAcrossDatasets(trainingExamples(fit, FEATURES), TRAIN), FEATURES, "eval:adaptation base"));
// The base's own calibration, chosen as train-classifier chooses it (precision ≥ 0.85 on every validation set).
const validationScores = validation.map((e) => probability(base, extractFeatures(e.text, FEATURES)));
const candidates = Array.from({ length: 99 }, (_, i) => (i + 1) / 100);
const baseThreshold =
  lowestThresholdFor(0.85, candidates, (t) =>
    Math.min(
      ...sources.map((d) => {
        const rows = validation.flatMap((e, i) => (e.dataset === d ? [i] : []));
        return precisionRecallF1(
          confusionAt(
            rows.map((i) => validationScores[i]!),
            rows.map((i) => validation[i]!.toxic),
            t,
          ),
        ).precision;
      }),
    ),
  ) ?? 0.7;
console.log(`base model: ${sources.join(", ")} (${fit.length} rows), threshold ${baseThreshold} (${elapsed()})`);

// 2. The site's stream.
const rows = loadSplit(HELD_OUT, tune ? "train" : "test");
const stream: StreamComment[] = rows.map((e) => {
  const features: Features = extractFeatures(e.text, FEATURES);
  return { text: e.text, abusive: e.toxic, features, baseProbability: probability(base, features) };
});
const tailStart = Math.floor(stream.length * (1 - TAIL_SHARE));
const prefix = stream.slice(0, tailStart);
const tail = stream.slice(tailStart);
const tailLabels = tail.map((c) => c.abusive);
console.log(
  `${HELD_OUT} ${tune ? "train" : "test"}: ${stream.length} comments, learning from the first ${prefix.length}, measured on the last ${tail.length}\n`,
);

const f3 = (x: number | null) => (x === null || Number.isNaN(x) ? "  -  " : x.toFixed(3));
/** Recall at the lowest threshold whose precision on the tail reaches the target: what the ranking allows. */
function recallAtTarget(scores: number[]): { threshold: number | undefined; recall: number } {
  const sorted = [...new Set(scores)].sort((a, b) => a - b);
  const step = Math.max(1, Math.floor(sorted.length / 400));
  const grid = sorted.filter((_, i) => i % step === 0);
  const threshold = lowestThresholdFor(TARGET, grid, (t) => precisionRecallF1(confusionAt(scores, tailLabels, t)).precision);
  return { threshold, recall: threshold === undefined ? 0 : precisionRecallF1(confusionAt(scores, tailLabels, threshold)).recall };
}

console.log("moderator  K      comments  labels (abusive/clean)  threshold in use        P@in-use  R@in-use   AUC     R@P0.9 (tail-chosen threshold)");
const baseline = new Map<string, number>();
for (const moderator of ["queue", "every"] as const) {
  for (const k of KS) {
    const site = replaySite(prefix, { decisions: k, moderator, targetPrecision: TARGET, baseThreshold });
    const scores = tail.map((c) => site.score(c));
    const inUse = precisionRecallF1(confusionAt(scores, tailLabels, site.threshold.value));
    const best = recallAtTarget(scores);
    if (k === 0) baseline.set(moderator, best.recall);
    const gain = (best.recall - baseline.get(moderator)!) * 100;
    console.log(
      `${moderator.padEnd(9)}  ${String(k).padEnd(5)}  ${String(site.consumed).padStart(8)}  ${`${site.abusive}/${site.clean}`.padEnd(22)}  ` +
        `${`${site.threshold.value.toFixed(3)} (${site.threshold.source})`.padEnd(22)}  ${f3(inUse.precision)}     ${f3(inUse.recall)}     ` +
        `${f3(rocAuc(scores, tailLabels))}   ${f3(best.recall)} at ${best.threshold?.toFixed(3) ?? "-"} (${gain >= 0 ? "+" : ""}${gain.toFixed(1)} points)`,
    );
  }
}
console.log(`\n(${elapsed()})`);
