import { extractFeatures, namedFeatures } from "../classifier/features";
import { MODEL } from "../classifier/model";
import { type LoadedModel, loadModel, weightAt } from "../classifier/weights";
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
  const normalized = prepareForMatching(body).text;
  const { indices, values } = extractFeatures(body, MODEL.features, normalized);
  const scale = site?.scale ?? 1;
  const pushes: { bucket: number; weight: number }[] = [];
  for (let k = 0; k < indices.length; k++) {
    const i = indices[k]!;
    const own = site ? site.weights[foldedSlot(i)]! * foldedSign(i) : 0;
    const weight = (scale * weightAt(base, i) + own) * values[k]!;
    if (weight !== 0) pushes.push({ bucket: i, weight });
  }
  // Names only for the strongest few (a bucket may hold nothing but a space: keep some spare).
  const strongest = pushes.sort((a, b) => Math.abs(b.weight) - Math.abs(a.weight)).slice(0, TOP * 2);
  const { names } = namedFeatures(body, MODEL.features, normalized, new Set(strongest.map((p) => p.bucket)));
  const named: Contribution[] = [];
  for (const { bucket, weight } of strongest) {
    const ngrams = (names.get(bucket) ?? []).map((n) => n.trim()).filter(Boolean);
    if (ngrams.length > 0) named.push({ ngrams, weight: Number(weight.toFixed(3)) });
  }
  return named.slice(0, TOP);
}
