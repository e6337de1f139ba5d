import { namedFeatures } from "../classifier/features";
import { MODEL } from "../classifier/model";
import { type LoadedModel, loadModel } from "../classifier/weights";
import { prepareForMatching } from "../text/normalize";
import { foldedSign, foldedSlot, type SiteModel } from "./siteModel";

/** One n-gram's push on a comment's logit: positive towards abusive. */
export interface Contribution {
  /** The n-grams (as the normalised text reads) that share the feature's hash bucket. */
  ngrams: string[];
  weight: number;
}

/** How many contributions a moderator is shown. */
const TOP = 5;

let base: LoadedModel | undefined;

/**
 * The features that pushed a comment's score most, either way: the built-in model's weight
 * (scaled as the site scales it) plus the site's own correction, times the feature's value.
 * Re-extracts the features with their n-grams, so nothing is stored per comment; tens of
 * microseconds a comment, at moderation-read time only.
 *
 * @example topContributions("너 진짜 바보냐", null)[0] // { ngrams: ["바보"], weight: 1.9 }
 */
export function topContributions(body: string, site: SiteModel | null): Contribution[] {
  base ??= loadModel(MODEL);
  const { features, names } = namedFeatures(body, MODEL.features, prepareForMatching(body).text);
  const scale = site?.scale ?? 1;
  const all: Contribution[] = [];
  for (let k = 0; k < features.indices.length; k++) {
    const i = features.indices[k]!;
    const v = features.values[k]!;
    const own = site ? site.weights[foldedSlot(i)]! * foldedSign(i) : 0;
    const weight = (scale * base.table[base.bytes[i]! + 128]! + own) * v;
    const ngrams = (names.get(i) ?? []).map((n) => n.trim()).filter(Boolean);
    if (weight !== 0 && ngrams.length > 0) all.push({ ngrams, weight: Number(weight.toFixed(3)) });
  }
  return all.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, TOP);
}
