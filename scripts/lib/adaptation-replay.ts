/**
 * One site's comment stream replayed through the Worker's own code: the pipeline decides each
 * comment with the site's score and hold threshold, a simulated moderator labels some of them,
 * the site's model learns each label at once and its threshold is recalibrated as it would be.
 */
import type { Features } from "../../src/moderation/classifier/features";
import {
  hasEnoughLabels,
  MIN_LABELS_TO_APPLY,
  type Observation,
  thresholdForPrecision,
  WINDOW_LABELS,
  WINDOW_UNREVIEWED,
} from "../../src/moderation/adaptation/calibration";
import { type HoldThreshold, holdThreshold } from "../../src/moderation/adaptation/holdThreshold";
import { blankLearner, type LabelledExample, learn, PRESUMED_CLEAN_WEIGHT, REVISITS_PER_LABEL, revisit, settle } from "../../src/moderation/adaptation/learner";
import { blankSiteModel, logit, siteProbability } from "../../src/moderation/adaptation/siteModel";
import { moderate } from "../../src/moderation/pipeline";
import { prepareForMatching } from "../../src/moderation/text/normalize";
import { siteSettingsSchema } from "../../src/sites/settings";

export interface StreamComment {
  text: string;
  abusive: boolean;
  features: Features;
  baseProbability: number;
}

export interface ReplayOptions {
  /** Moderator decisions to learn from before the site is frozen. */
  decisions: number;
  /** `queue`: only held, wrongly published or wrongly rejected comments get a decision; `every`: all do. */
  moderator: "queue" | "every";
  targetPrecision: number;
  /** The base model's own threshold, used until the site has enough labels. */
  baseThreshold: number;
}

/** How often (in labels) the threshold is recalibrated; the Worker does it at most once a minute. */
const RECALIBRATE_EVERY = 10;

const settings = siteSettingsSchema.parse({});
const author = { id: "reader", moderates: false, createdAt: 0 };
const history = { publishedCount: 100, recentDecisions: 0, recentRejections: 0, sameTextSameArticle: 0, sameTextElsewhere: 0, sameTextAuthors: 0 };

/** The label a moderator gives a comment the pipeline decided `status`, or undefined when they never see it. */
function decision(status: "published" | "pending" | "rejected", abusive: boolean, moderator: ReplayOptions["moderator"]): boolean | undefined {
  if (moderator === "every" || status === "pending") return abusive;
  if (status === "published" && abusive) return true;
  if (status === "rejected" && !abusive) return false;
  return undefined;
}

export function replaySite(stream: readonly StreamComment[], options: ReplayOptions) {
  const model = blankSiteModel();
  const learner = blankLearner();
  /** The stored labels (the latest `WINDOW_LABELS`) and the revisits' place among them, as `learnFromDecisions` keeps them. */
  const stored: LabelledExample[] = [];
  let revisited = 0;
  /** Every comment in order, with its score at posting and what is known of it (undefined: unreviewed published, presumed clean). */
  const seen: { score: number; label: boolean | undefined; published: boolean }[] = [];
  /** Published comments not (yet) labelled, learnt as presumed clean at the next update (the stream has no clock: no settling delay). */
  let unlabelled: StreamComment[] = [];
  let calibrated: number | null = null;
  let abusive = 0;
  let clean = 0;
  let consumed = 0;
  const threshold = (): HoldThreshold => {
    const t = holdThreshold(null, calibrated);
    return t.source === "model" ? { value: options.baseThreshold, source: "model" } : t;
  };
  const recalibrate = () => {
    if (!hasEnoughLabels(abusive, clean)) return;
    const window: Observation[] = [];
    let labels = 0;
    let unreviewed = 0;
    for (let i = seen.length - 1; i >= 0 && labels < WINDOW_LABELS; i--) {
      const s = seen[i]!;
      if (s.label !== undefined) {
        labels++;
        window.push({ score: s.score, abusive: s.label });
      } else if (s.published && unreviewed < WINDOW_UNREVIEWED) {
        unreviewed++;
        window.push({ score: s.score, abusive: false });
      }
    }
    calibrated = thresholdForPrecision(window, options.targetPrecision);
  };
  for (const c of stream) {
    if (abusive + clean >= options.decisions) break;
    consumed++;
    const score = abusive + clean >= MIN_LABELS_TO_APPLY ? siteProbability(model, c.baseProbability, c.features) : c.baseProbability;
    const verdict = moderate(
      {
        settings,
        holdThreshold: threshold().value,
        articlePremoderation: null,
        author,
        body: c.text,
        matchable: prepareForMatching(c.text),
        masked: null,
        history,
        toxicity: score,
        isEdit: false,
        now: 1,
      },
      true,
    );
    const label = decision(verdict.status, c.abusive, options.moderator);
    seen.push({ score, label, published: verdict.status === "published" });
    if (label === undefined) {
      if (verdict.status === "published") unlabelled.push(c);
      continue;
    }
    const example = { baseLogit: logit(c.baseProbability), features: c.features, abusive: label };
    learn(model, learner, example);
    stored.push(example);
    if (stored.length > WINDOW_LABELS) stored.shift();
    // As `learnFromDecisions`: after the update's own labels, the comments that stood unreviewed,
    // then stored labels revisited in turn.
    for (const u of unlabelled)
      learn(model, learner, { baseLogit: logit(u.baseProbability), features: u.features, abusive: false, weight: PRESUMED_CLEAN_WEIGHT });
    unlabelled = [];
    for (let r = 0; r < REVISITS_PER_LABEL && stored.length > 1; r++) revisit(model, learner, stored[revisited++ % stored.length]!);
    settle(model, learner);
    if (label) abusive++;
    else clean++;
    if ((abusive + clean) % RECALIBRATE_EVERY === 0) recalibrate();
  }
  recalibrate();
  return {
    consumed,
    abusive,
    clean,
    threshold: threshold(),
    score: (c: StreamComment) => siteProbability(model, c.baseProbability, c.features),
  };
}
