import { DEFAULT_TOXICITY_THRESHOLD } from "../classifier";

/** Where the hold threshold in use comes from: the site's explicit setting, its own decisions, or the shared model. */
type ThresholdSource = "setting" | "site" | "model";

export interface HoldThreshold {
  value: number;
  source: ThresholdSource;
}

/**
 * The classifier score from which a comment is held: `toxicityThreshold` when the site set it,
 * else the threshold calibrated on the site's own decisions (`calibratedThreshold`, set once it
 * has enough labels), else the shared model's.
 *
 * @example holdThreshold(null, 0.58) // { value: 0.58, source: "site" }
 */
export function holdThreshold(toxicityThreshold: number | null, calibratedThreshold: number | null): HoldThreshold {
  if (toxicityThreshold !== null) return { value: toxicityThreshold, source: "setting" };
  if (calibratedThreshold !== null) return { value: calibratedThreshold, source: "site" };
  return { value: DEFAULT_TOXICITY_THRESHOLD, source: "model" };
}
