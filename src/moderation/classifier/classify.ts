import { extractFeatures, type Features } from "./features";
import { MODEL } from "./model";
import { loadModel, logit, type LoadedModel } from "./weights";

/** What a scorer says about a comment: probabilities 0..1 and the labels that passed their threshold. */
export interface ClassifierScore {
  toxic: number;
  /** Always 0 from the built-in model: none of its training sets labels spam (see the README). */
  spam: number;
  labels: string[];
}

/** The threshold chosen with the model; the default of the `toxicityThreshold` site setting. */
export const DEFAULT_TOXICITY_THRESHOLD = MODEL.threshold;

// Its lookup table is built on first use, once per isolate, so a Worker that never scores pays nothing.
let loaded: LoadedModel | undefined;

/**
 * Scores a comment with the built-in model: hashed character n-grams of the text as the word
 * filters normalise it, and a logistic regression trained on Korean and English news and
 * social-media comments. Pure and synchronous; tens of microseconds for a short comment.
 * `normalized`, when given, must be `normalizeForMatching(text)`; it saves normalising twice.
 *
 * @example
 * score("좋은 기사 감사합니다") // { toxic: 0.1…, spam: 0, labels: [] }
 * score("너 같은 쓰레기는 꺼져라").labels // ["toxic"]
 */
export function score(text: string, normalized?: string): ClassifierScore {
  const toxic = 1 / (1 + Math.exp(-baseLogit(text, normalized).logit));
  return { toxic, spam: 0, labels: toxic >= MODEL.threshold ? ["toxic"] : [] };
}

/** The built-in model's view of a comment before the sigmoid: its hashed features and log-odds. */
export interface BaseLogit {
  features: Features;
  logit: number;
}

/**
 * The features and raw log-odds {@link score} turns into a probability, for a layer that adds
 * its own term over the same features (a site's correction) before the sigmoid.
 *
 * @example const { features, logit } = baseLogit("좋은 기사 감사합니다"); 1 / (1 + Math.exp(-logit)) // score(...).toxic
 */
export function baseLogit(text: string, normalized?: string): BaseLogit {
  loaded ??= loadModel(MODEL);
  const features = extractFeatures(text, MODEL.features, normalized);
  return { features, logit: logit(loaded, features) };
}
