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
 * `--ceiling` adds what retraining could do with the same comments: the base retrained with the
 * stream's first n comments, all labelled, as a dataset of their own (not something a site can
 * run: the Worker has neither the training data nor the time).
 *
 * `--site <dataset>` holds out another dataset instead: the base is trained without it, and its
 * train and test splits (both unseen by that base) are replayed in order as the site's stream.
 *
 * @example
 * npm run eval:adaptation                                     # K-MHaS test
 * npm run eval:adaptation -- --tune                           # the K-MHaS train split instead (for choosing the learner's rates)
 * npm run eval:adaptation -- --site korean-hate-speech-beep   # an entertainment-news site that also holds rude remarks
 */
import "./lib/binaryImports";
import { extractFeatures, type Features } from "../src/moderation/classifier/features";
import { loadModel, probability } from "../src/moderation/classifier/weights";
import { DATASETS, type DatasetName, isValidation, loadSplit } from "./lib/classifier-data";
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

const started = performance.now();
const elapsed = () => `${((performance.now() - started) / 1000).toFixed(1)} s`;
const tune = process.argv.includes("--tune");
const siteArgument = process.argv.indexOf("--site");
const HELD_OUT = (siteArgument < 0 ? "k-mhas" : process.argv[siteArgument + 1]) as DatasetName;
if (!DATASETS.includes(HELD_OUT)) throw new Error(`--site: one of ${DATASETS.join(", ")}`);

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
// K-MHaS has a large test split of its own (and its train split for tuning); a smaller set is replayed whole.
const rows = HELD_OUT === "k-mhas" ? loadSplit(HELD_OUT, tune ? "train" : "test") : [...loadSplit(HELD_OUT, "train"), ...loadSplit(HELD_OUT, "test")];
const stream: StreamComment[] = rows.map((e) => {
  const features: Features = extractFeatures(e.text, FEATURES);
  return { text: e.text, abusive: e.toxic, features, baseProbability: probability(base, features) };
});
const tailStart = Math.floor(stream.length * (1 - TAIL_SHARE));
const prefix = stream.slice(0, tailStart);
const tail = stream.slice(tailStart);
const tailLabels = tail.map((c) => c.abusive);
console.log(
  `${HELD_OUT} ${HELD_OUT !== "k-mhas" ? "train + test" : tune ? "train" : "test"}: ${stream.length} comments, learning from the first ${prefix.length}, measured on the last ${tail.length}\n`,
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
/** How many comments the `queue` moderator had gone through at each K (all of them labelled or presumed clean). */
const queueConsumed = new Map<number, number>();
for (const moderator of ["queue", "every"] as const) {
  for (const k of KS) {
    const site = replaySite(prefix, { decisions: k, moderator, targetPrecision: TARGET, baseThreshold });
    const scores = tail.map((c) => site.score(c));
    const inUse = precisionRecallF1(confusionAt(scores, tailLabels, site.threshold.value));
    const best = recallAtTarget(scores);
    if (k === 0) baseline.set(moderator, best.recall);
    if (moderator === "queue") queueConsumed.set(k, site.consumed);
    const gain = (best.recall - baseline.get(moderator)!) * 100;
    console.log(
      `${moderator.padEnd(9)}  ${String(k).padEnd(5)}  ${String(site.consumed).padStart(8)}  ${`${site.abusive}/${site.clean}`.padEnd(22)}  ` +
        `${`${site.threshold.value.toFixed(3)} (${site.threshold.source})`.padEnd(22)}  ${f3(inUse.precision)}     ${f3(inUse.recall)}     ` +
        `${f3(rocAuc(scores, tailLabels))}   ${f3(best.recall)} at ${best.threshold?.toFixed(3) ?? "-"} (${gain >= 0 ? "+" : ""}${gain.toFixed(1)} points)`,
    );
  }
}

if (process.argv.includes("--ceiling")) {
  // 3. The ceiling: the base retrained with the site's first n comments and their labels.
  console.log("\nretrained with the first n comments labelled (the ceiling of learning from them)\nn      AUC     R@P0.9");
  const ns = [...new Set([...KS.filter((k) => k > 0), queueConsumed.get(500) ?? 0, queueConsumed.get(1000) ?? 0])].sort((a, b) => a - b);
  for (const n of ns) {
    const retrained = toModelData(trainAcrossDatasets(trainingExamples([...fit, ...rows.slice(0, n)], FEATURES), TRAIN), FEATURES, "ceiling");
    const model = loadModel(retrained);
    const scores = tail.map((c) => probability(model, c.features));
    const best = recallAtTarget(scores);
    const gain = (best.recall - baseline.get("every")!) * 100;
    console.log(`${String(n).padEnd(5)}  ${f3(rocAuc(scores, tailLabels))}   ${f3(best.recall)} (${gain >= 0 ? "+" : ""}${gain.toFixed(1)} points)`);
  }
}
console.log(`\n(${elapsed()})`);
