import { runSteps, type Db } from "../../db/client";
import { scoringStateStatement } from "./adaptation.queries";
import { MIN_LABELS_TO_APPLY } from "./calibration";
import { scaledByRatios } from "./labelCounts";
import { storedCounts } from "./learnerBlob";
import { modelFingerprint } from "./modelFingerprint";
import { FOLD_SIZE, type SiteModel } from "./siteModel";
import { asBytes, type Blob } from "./storedBytes";

/** A site's adaptation as scoring uses it: the learnt correction and the calibrated threshold. */
export interface SiteScoring {
  /** 0 when the site has learnt nothing (no row). */
  version: number;
  /** Null until the site has `MIN_LABELS_TO_APPLY` labels: the shared model alone. */
  model: SiteModel | null;
  calibratedThreshold: number | null;
}

const NOTHING_LEARNT: SiteScoring = { version: 0, model: null, calibratedThreshold: null };

/**
 * How long an isolate trusts its copy before re-checking the version: a decision takes effect
 * within this (plus the update's own few milliseconds), under the minute promised. A decision
 * made through this isolate takes effect at once (`rememberScoring`).
 */
const SCORING_CACHE_MS = 20_000;
const MAX_SITES = 500;

/** `current`: the stored correction was learnt over this base model (see `storedWeights`). */
const cached = new Map<string, { scoring: SiteScoring; until: number; current: boolean }>();

/**
 * The statements to add to a write's read batch for this site's adaptation: none while this
 * isolate's copy is fresh, else one that reads the version (and the weights if they changed).
 */
export function scoringSteps(db: Db, siteId: string, now = Date.now()) {
  const hit = cached.get(siteId);
  if (hit && hit.until > now) return { adaptation: [] };
  return { adaptation: [scoringStateStatement(db, siteId, hit?.scoring.version ?? -1)] };
}

type ScoringRow = Awaited<ReturnType<typeof scoringStateStatement>>[number];

/** The site's scoring state after the read batch of `scoringSteps` ran (its `adaptation` result). */
export function siteScoringFrom(found: { adaptation: unknown[] }, siteId: string, now = Date.now()): SiteScoring {
  const hit = cached.get(siteId);
  const [rows] = found.adaptation as ScoringRow[][];
  if (!rows) return hit?.scoring ?? NOTHING_LEARNT;
  const row = rows[0];
  let scoring: SiteScoring = NOTHING_LEARNT;
  let current = true;
  if (row) {
    const stored = row.weights === null ? undefined : storedWeights(row.weights);
    // The model applies the learner's weights scaled by the ratios of the site's label counts.
    const weights = stored ? scaledByRatios(stored.weights, storedCounts(row.counts ?? [])) : hit?.scoring.model?.weights;
    current = stored ? stored.fingerprint === modelFingerprint() : (hit?.current ?? false);
    // A correction learnt over another base model, and the threshold calibrated on its scores,
    // are not applied: the site is scored as one that learnt nothing until it learns again.
    scoring = !current
      ? { version: row.version, model: null, calibratedThreshold: null }
      : {
          version: row.version,
          model: weights && row.labels >= MIN_LABELS_TO_APPLY ? { weights, bias: row.bias, scale: row.scale } : null,
          calibratedThreshold: row.threshold,
        };
  }
  rememberScoring(siteId, scoring, now, current);
  return scoring;
}

/** The site's scoring state on its own (a moderation read): this isolate's copy, or one read. */
export async function loadSiteScoring(db: Db, siteId: string, now = Date.now()): Promise<SiteScoring> {
  const steps = scoringSteps(db, siteId, now);
  return siteScoringFrom(steps.adaptation.length ? await runSteps(db, steps) : steps, siteId, now);
}

/** Keeps a site's scoring state in this isolate (after reading it, or after learning: then always `current`). */
export function rememberScoring(siteId: string, scoring: SiteScoring, now = Date.now(), current = true): void {
  if (!cached.has(siteId) && cached.size >= MAX_SITES) cached.delete(cached.keys().next().value!);
  cached.set(siteId, { scoring, until: now + SCORING_CACHE_MS, current });
}

/** Drops this isolate's copy of a site's state (after a reset). */
export function forgetScoring(siteId: string): void {
  cached.delete(siteId);
}

/** Float32 values from a stored BLOB of exactly `FOLD_SIZE` of them (a copy, aligned, whatever D1 handed back). */
function toWeights(blob: Blob): Float32Array {
  const bytes = asBytes(blob);
  if (bytes.byteLength !== FOLD_SIZE * 4) throw new Error(`adaptation weights are ${bytes.byteLength} bytes, expected ${FOLD_SIZE * 4}`);
  return new Float32Array(bytes.slice().buffer);
}

/** A Float32Array as BLOB bytes (little-endian, as every Workers host is). */
const toBlob = (values: Float32Array) => new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));

/**
 * The `weights` column: the Float32 weights followed by 4 bytes, the fingerprint of the base
 * model they were learnt over (`modelFingerprint`), and 8, the creation time of the last comment
 * learnt as presumed clean (`presumedClean`), so neither needs a column of its own.
 */
export function weightsBlob(weights: Float32Array, presumedUntil: number, fingerprint = modelFingerprint()): Uint8Array {
  const bytes = new Uint8Array(FOLD_SIZE * 4 + 12);
  bytes.set(toBlob(weights));
  bytes.set(fingerprintTail(fingerprint), FOLD_SIZE * 4);
  new DataView(bytes.buffer).setFloat64(FOLD_SIZE * 4 + 4, presumedUntil, true);
  return bytes;
}

/** A fingerprint as the `weights` trailer stores it (what `substr(weights, FINGERPRINT_AT, 4)` reads, `fingerprintOf` decodes). */
export function fingerprintTail(fingerprint = modelFingerprint()): Uint8Array {
  const bytes = new Uint8Array(4);
  new DataView(bytes.buffer).setUint32(0, fingerprint, true);
  return bytes;
}

/** The fingerprint in a `weights` column's trailer (`substr(weights, FINGERPRINT_AT, 4)`), or null when there is none. */
export const FINGERPRINT_AT = FOLD_SIZE * 4 + 1;
export function fingerprintOf(tail: Blob | null): number | null {
  const bytes = tail === null ? new Uint8Array() : asBytes(tail);
  return bytes.byteLength === 4 ? new DataView(bytes.slice().buffer).getUint32(0, true) : null;
}

/**
 * The stored weights, the fingerprint of the model they were learnt over and the presumed-clean
 * cursor: fingerprint null for weights stored before fingerprints (or blanked by a reset), which
 * never match the model in use.
 */
export function storedWeights(blob: Blob): { weights: Float32Array; fingerprint: number | null; presumedUntil: number } {
  const bytes = asBytes(blob);
  if (bytes.byteLength === FOLD_SIZE * 4) return { weights: toWeights(bytes), fingerprint: null, presumedUntil: 0 };
  if (bytes.byteLength !== FOLD_SIZE * 4 + 12) throw new Error(`adaptation weights are ${bytes.byteLength} bytes, expected ${FOLD_SIZE * 4 + 12}`);
  const copy = bytes.slice();
  const view = new DataView(copy.buffer);
  return {
    weights: new Float32Array(copy.buffer, 0, FOLD_SIZE),
    fingerprint: view.getUint32(FOLD_SIZE * 4, true),
    presumedUntil: view.getFloat64(FOLD_SIZE * 4 + 4, true),
  };
}
