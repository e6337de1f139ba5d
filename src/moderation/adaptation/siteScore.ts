import { extractFeatures, lastFeatures } from "../classifier/features";
import { MODEL } from "../classifier/model";
import { type SiteModel, siteProbability } from "./siteModel";

/**
 * A comment's score on its site: the base scorer's probability corrected by what the site
 * learnt, or the base probability for a site that learnt nothing. `normalized` is the text
 * the base scorer was given (`prepareForMatching(body).text`), so it is not normalised twice.
 *
 * @example siteScore(null, 0.42, body, normalized) // 0.42
 */
export function siteScore(model: SiteModel | null, baseProbability: number, body: string, normalized: string): number {
  if (!model) return baseProbability;
  // Usually the base scorer's own features of this text, not extracted a second time.
  const features = lastFeatures(normalized, MODEL.features) ?? extractFeatures(body, MODEL.features, normalized);
  return siteProbability(model, baseProbability, features);
}
