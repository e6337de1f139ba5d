import { inLists, runSteps, type Db } from "../../db/client";
import { extractFeatures, lastFeatures } from "../classifier/features";
import { MODEL } from "../classifier/model";
import { builtInScorer, scorer } from "../scorer";
import { prepareForMatching } from "../text/normalize";
import {
  type AdaptationRow,
  clearLabels,
  type LabelRow,
  labelsOfStatement,
  type LabelTextRow,
  labelTextsStatement,
  learningStateStatement,
  presumedCleanStatement,
  pruneLabels,
  recentLabelsStatement,
  rescoreLabels,
  stillAt,
  unreviewedStatement,
  upsertLabel,
  writeState,
} from "./adaptation.queries";
import { hasEnoughLabels, MIN_LABELS_TO_APPLY, type Observation, thresholdForPrecision } from "./calibration";
import { blankLearner, type LabelledExample, learn, type LearnerState, PRESUMED_CLEAN_WEIGHT, REVISITS_PER_LABEL, revisit, settle } from "./learner";
import { scaledByRatios } from "./labelCounts";
import { learnerBlob, roundAsStored, storedLearner } from "./learnerBlob";
import { modelFingerprint } from "./modelFingerprint";
import { blankSiteModel, logit, type SiteModel, sigmoid, siteProbability } from "./siteModel";
import { rememberScoring, storedWeights, weightsBlob } from "./siteScoring";

/** A moderator's decision on a scored comment: reject is abusive; approve and restore are not. */
export interface Decision {
  commentId: string;
  /** The text the comment was scored on (`scoredText`: its masked public copy when it has one). */
  body: string;
  /** The comment's score when posted (`comments.toxicity`). */
  score: number;
  abusive: boolean;
  decidedAt: number;
}

/** Tries before giving up when other isolates keep writing first (each retry reads the winner's state). */
const ATTEMPTS = 5;
/**
 * A published comment is presumed clean once it has stood this long unreported and unreviewed;
 * at most `PRESUMED_PER_UPDATE` are learnt an update, oldest first, and none older than
 * `PRESUMED_LOOKBACK_MS` (a site that starts learning, or decides rarely, does not relearn its past).
 */
const PRESUMED_AFTER_MS = 60 * 60_000;
const PRESUMED_PER_UPDATE = 50;
const PRESUMED_LOOKBACK_MS = 24 * 60 * 60_000;
/** At most this many stored labels revisited an update (a bulk decision would otherwise read hundreds). */
const MAX_REVISITS = 100;
/** The threshold is recalibrated at most this often: it reads up to 6000 rows. */
const RECALIBRATE_MS = 60_000;

/**
 * Learns a site's moderator decisions into its adaptation: one online step per new label (a
 * reversed decision first unlearns its old label), then the comments presumed clean and
 * `REVISITS_PER_LABEL` stored labels a new one, revisited in turn; the label stored per comment, the hold
 * threshold recalibrated when due, all written as one batch guarded on the version read, so a
 * concurrent update from another isolate is never overwritten: the loser reads again and
 * retries. Runs after the response (`waitUntil`); effective in this isolate at once, in others
 * within `SCORING_CACHE_MS`.
 */
export async function learnFromDecisions(db: Db, siteId: string, targetPrecision: number, decisions: Decision[], now = Date.now()): Promise<void> {
  if (decisions.length === 0) return;
  await update(db, siteId, targetPrecision, decisions, now);
}

/**
 * Relearns a site whose adaptation was learnt over another base model (see `relearn`), without
 * waiting for its next decision: the daily job's pass over stale sites. False when it was not stale.
 */
export async function relearnIfStale(db: Db, siteId: string, targetPrecision: number, now = Date.now()): Promise<boolean> {
  return update(db, siteId, targetPrecision, [], now);
}

/** One version-guarded update with these decisions; with none, only when the state is stale. True when it wrote. */
async function update(db: Db, siteId: string, targetPrecision: number, decisions: Decision[], now: number): Promise<boolean> {
  const examples = await Promise.all(decisions.map(async (d) => ({ decision: d, example: await exampleOf(d) })));
  const ids = decisions.map((d) => d.commentId);
  for (let attempt = 0; attempt < ATTEMPTS; attempt++) {
    const found = await runSteps(db, { state: learningStateStatement(db, siteId), labels: inLists(ids).map((part) => labelsOfStatement(db, siteId, part)) });
    const readVersion = found.state[0]?.version ?? 0;
    const stored = found.state[0] && fromRow(found.state[0]);
    // State learnt over another base model (or before fingerprints): its weights and its
    // window's scores mean nothing to this model. With the built-in scorer the site's labels are
    // relearnt over the new model from their comments' texts; with another, it starts again
    // from blank and its labels are deleted (relearning would call that scorer for each).
    const stale = stored !== undefined && stored.fingerprint !== modelFingerprint();
    if (decisions.length === 0 && !stale) return false;
    const relearnt = stale && scorer() === builtInScorer ? await relearn(db, siteId) : undefined;
    const row = stale ? undefined : found.state[0];
    const { model, learner } = relearnt ?? (stored && !stale ? stored : { model: blankSiteModel(), learner: blankLearner() });
    let newLabels = 0;
    let abusiveLabels = relearnt?.abusiveLabels ?? row?.abusiveLabels ?? 0;
    let cleanLabels = relearnt?.cleanLabels ?? row?.cleanLabels ?? 0;
    const prior = new Map(
      relearnt ? relearnt.labels.map((l) => [l.commentId, l.abusive]) : stale ? [] : (found.labels as LabelRow[][]).flat().map((l) => [l.commentId, l.abusive]),
    );
    const presumed = await presumedClean(db, siteId, stale ? 0 : (stored?.presumedUntil ?? 0), now);
    for (const { decision, example } of examples) {
      const before = prior.get(decision.commentId);
      if (before === decision.abusive) continue;
      if (before !== undefined) {
        learn(model, learner, { ...example, abusive: before }, -1);
        before ? abusiveLabels-- : cleanLabels--;
      }
      learn(model, learner, example);
      decision.abusive ? abusiveLabels++ : cleanLabels++;
      prior.set(decision.commentId, decision.abusive);
      newLabels++;
    }
    for (const example of presumed.examples) learn(model, learner, example);
    const revisits = relearnt ? undefined : await storedLabelsToRevisit(db, siteId, stored?.revisitedUntil ?? 0, newLabels);
    for (const example of revisits?.examples ?? []) revisit(model, learner, example);
    roundAsStored(learner);
    settle(model, learner);
    const due = !row?.calibratedAt || now - row.calibratedAt >= RECALIBRATE_MS;
    // Not on a blank start: the window would still hold the old model's labels, deleted in this
    // write. A relearnt site calibrates on its relearnt labels and their new scores alone.
    const enough = (!stale || relearnt !== undefined) && hasEnoughLabels(abusiveLabels, cleanLabels);
    const threshold = !enough
      ? null
      : due
        ? await calibrate(db, siteId, relearnt ? [...relearnt.labels, ...decisions] : decisions, targetPrecision, !relearnt)
        : (row?.threshold ?? null);
    const next: AdaptationRow = {
      siteId,
      version: readVersion + 1,
      weights: weightsBlob(learner.weights, presumed.until),
      learner: learnerBlob(learner, revisits?.until ?? 0),
      bias: model.bias,
      scale: model.scale,
      biasSquared: learner.biasSquared,
      scaleSquared: learner.scaleSquared,
      abusiveLabels,
      cleanLabels,
      threshold,
      calibratedAt: enough && due ? now : (row?.calibratedAt ?? null),
      updatedAt: now,
    };
    const guard = stillAt(siteId, readVersion);
    const written = await runSteps(db, {
      stale: relearnt ? rescoreLabels(db, siteId, relearnt.scores, guard) : stale ? [clearLabels(db, siteId, guard)] : [],
      labels: decisions.map((d) => upsertLabel(db, { siteId, commentId: d.commentId, abusive: d.abusive, score: d.score, decidedAt: d.decidedAt }, guard)),
      prune: pruneLabels(db, siteId, guard),
      state: writeState(db, next, readVersion),
    });
    if (written.state.meta.changes > 0) {
      const applied = abusiveLabels + cleanLabels >= MIN_LABELS_TO_APPLY ? model : null;
      rememberScoring(siteId, { version: readVersion + 1, model: applied, calibratedThreshold: threshold }, now);
      return true;
    }
  }
  throw new Error(`adaptation of site ${siteId}: lost ${ATTEMPTS} races in a row`);
}

/**
 * The site's stored labels relearnt over the current base model, oldest first, as they were
 * learnt the first time (each followed by `REVISITS_PER_LABEL` of those before it, in turn):
 * each comment's text re-read (one query) and re-scored, its window score the site's score
 * just before its label was learnt (as when it was posted). Labels whose text
 * is gone (deleted comments) cannot be relearnt: left out here, deleted with the write. At most
 * `WINDOW_LABELS` (1000) labels: 110–125 ms of CPU with the revisits (measured on K-MHaS comments), once per site and base model or learner.
 */
async function relearn(db: Db, siteId: string) {
  const rows = await labelTextsStatement(db, siteId);
  const model = blankSiteModel();
  const learner = blankLearner();
  const labels: Decision[] = [];
  const scores = new Map<string, number>();
  let abusiveLabels = 0;
  let cleanLabels = 0;
  const learnt: LabelledExample[] = [];
  let turn = 0;
  for (const r of rows) {
    if (!r.text) continue;
    const example = await exampleOfLabel(r, r.text);
    const base = sigmoid(example.baseLogit);
    const score = abusiveLabels + cleanLabels >= MIN_LABELS_TO_APPLY ? siteProbability(model, base, example.features) : base;
    learn(model, learner, example);
    learnt.push(example);
    for (let i = 0; i < REVISITS_PER_LABEL && learnt.length > 1; i++) revisit(model, learner, learnt[turn++ % learnt.length]!);
    r.abusive ? abusiveLabels++ : cleanLabels++;
    scores.set(r.commentId, score);
    labels.push({ commentId: r.commentId, body: r.text, score, abusive: r.abusive, decidedAt: r.decidedAt });
  }
  // Settled with the rest of the update it is part of.
  return { model, learner, abusiveLabels, cleanLabels, labels, scores };
}

/**
 * Stored labels to learn again after an update's `newLabels`: `REVISITS_PER_LABEL` each, the
 * next ones after the cursor, oldest first, wrapping to the oldest once past the newest. Only
 * with the built-in scorer (an external one would be called for each); labels whose text is
 * gone are skipped.
 */
async function storedLabelsToRevisit(db: Db, siteId: string, after: number, newLabels: number): Promise<{ examples: LabelledExample[]; until: number }> {
  const wanted = Math.min(MAX_REVISITS, newLabels * REVISITS_PER_LABEL);
  if (wanted === 0 || scorer() !== builtInScorer) return { examples: [], until: after };
  const rows = await labelTextsStatement(db, siteId, { after, limit: wanted });
  const examples = await Promise.all(rows.flatMap((r) => (r.text ? [exampleOfLabel(r, r.text)] : [])));
  return { examples, until: rows.length < wanted ? 0 : rows[rows.length - 1]!.decidedAt };
}

/** The base model's view of the comment, as it was scored (the configured scorer, the built-in features). */
async function exampleOf(d: Decision): Promise<LabelledExample> {
  const normalized = prepareForMatching(d.body).text;
  const base = await scorer().score(d.body, normalized);
  // The built-in scorer has just extracted them (unless another example's scoring came between).
  const features = lastFeatures(normalized, MODEL.features) ?? extractFeatures(d.body, MODEL.features, normalized);
  return { baseLogit: logit(base?.toxic ?? 0.5), features, abusive: d.abusive };
}

/** A stored label's example, from its comment's text (`text`: the row's, known not to be gone). */
const exampleOfLabel = (r: LabelTextRow, text: string) =>
  exampleOf({ commentId: r.commentId, body: text, score: 0, abusive: r.abusive, decidedAt: r.decidedAt });

/**
 * The published comments to learn as clean now (`PRESUMED_CLEAN_WEIGHT`), after the cursor
 * `presumedUntil`, and the cursor after them. Only with the built-in scorer: an external one
 * would be called once for each of them.
 */
async function presumedClean(db: Db, siteId: string, presumedUntil: number, now: number): Promise<{ examples: LabelledExample[]; until: number }> {
  const before = now - PRESUMED_AFTER_MS;
  const after = Math.max(presumedUntil, before - PRESUMED_LOOKBACK_MS);
  if (scorer() !== builtInScorer) return { examples: [], until: before };
  const rows = await presumedCleanStatement(db, siteId, after, before, PRESUMED_PER_UPDATE);
  const examples = await Promise.all(
    rows.map(async (c) => ({
      ...(await exampleOf({ commentId: c.id, body: c.body, score: 0, abusive: false, decidedAt: now })),
      weight: PRESUMED_CLEAN_WEIGHT,
    })),
  );
  return { examples, until: rows.length === PRESUMED_PER_UPDATE ? rows[rows.length - 1]!.createdAt : before };
}

function fromRow(row: AdaptationRow): { model: SiteModel; learner: LearnerState; fingerprint: number | null; presumedUntil: number; revisitedUntil: number } {
  const { weights, fingerprint, presumedUntil } = storedWeights(row.weights);
  const { learner, revisitedUntil } = storedLearner(row.learner, weights, row.biasSquared, row.scaleSquared);
  return {
    fingerprint,
    presumedUntil,
    revisitedUntil,
    model: { weights: scaledByRatios(learner.weights, learner.counts), bias: row.bias, scale: row.scale },
    learner,
  };
}

/** The lowest threshold reaching the site's target on its window (`calibration.ts`), this batch's labels included. */
async function calibrate(db: Db, siteId: string, decisions: Decision[], targetPrecision: number, storedToo = true): Promise<number | null> {
  return thresholdForPrecision(await calibrationWindow(db, siteId, decisions, storedToo), targetPrecision);
}

/**
 * The site's recent labels and the unreviewed published comments since the oldest of them
 * (presumed clean); `pending` labels replace stored ones, or are all of them when `storedToo` is false.
 */
async function calibrationWindow(db: Db, siteId: string, pending: Decision[] = [], storedToo = true): Promise<Observation[]> {
  const { labels, unreviewed } = await runSteps(db, {
    labels: storedToo ? recentLabelsStatement(db, siteId) : [],
    unreviewed: unreviewedStatement(db, siteId),
  });
  const fresh = new Map(pending.map((d) => [d.commentId, d]));
  const merged = [
    ...pending.map((d) => ({ commentId: d.commentId, abusive: d.abusive, score: d.score, decidedAt: d.decidedAt })),
    ...labels.filter((l) => !fresh.has(l.commentId)),
  ];
  return [...merged.map((l) => ({ score: l.score, abusive: l.abusive })), ...unreviewed.map((c) => ({ score: c.score ?? 0, abusive: false }))];
}
