import { runSteps, type Db } from "../../db/client";
import { scoringStateStatement } from "./adaptation.queries";
import { MIN_LABELS_TO_APPLY } from "./calibration";
import { FOLD_SIZE, type SiteModel } from "./siteModel";

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

const cached = new Map<string, { scoring: SiteScoring; until: number }>();

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
  if (row) {
    const weights = row.weights === null ? hit?.scoring.model?.weights : toWeights(row.weights);
    scoring = {
      version: row.version,
      model: weights && row.labels >= MIN_LABELS_TO_APPLY ? { weights, bias: row.bias, scale: row.scale } : null,
      calibratedThreshold: row.threshold,
    };
  }
  rememberScoring(siteId, scoring, now);
  return scoring;
}

/** The site's scoring state on its own (a moderation read): this isolate's copy, or one read. */
export async function loadSiteScoring(db: Db, siteId: string, now = Date.now()): Promise<SiteScoring> {
  const steps = scoringSteps(db, siteId, now);
  return siteScoringFrom(steps.adaptation.length ? await runSteps(db, steps) : steps, siteId, now);
}

/** Keeps a site's scoring state in this isolate (after reading it, or after learning). */
export function rememberScoring(siteId: string, scoring: SiteScoring, now = Date.now()): void {
  if (!cached.has(siteId) && cached.size >= MAX_SITES) cached.delete(cached.keys().next().value!);
  cached.set(siteId, { scoring, until: now + SCORING_CACHE_MS });
}

/** Drops this isolate's copy of a site's state (after a reset). */
export function forgetScoring(siteId: string): void {
  cached.delete(siteId);
}

/** Float32 weights from a stored BLOB (a copy, aligned, whatever D1 handed back). */
export function toWeights(blob: ArrayBuffer | ArrayLike<number> | Uint8Array): Float32Array {
  const bytes = blob instanceof Uint8Array ? blob : new Uint8Array(blob instanceof ArrayBuffer ? blob : Array.from(blob));
  if (bytes.byteLength !== FOLD_SIZE * 4) throw new Error(`adaptation weights are ${bytes.byteLength} bytes, expected ${FOLD_SIZE * 4}`);
  return new Float32Array(bytes.slice().buffer);
}

/** A Float32Array as BLOB bytes (little-endian, as every Workers host is). */
export const toBlob = (values: Float32Array) => new Uint8Array(values.buffer.slice(values.byteOffset, values.byteOffset + values.byteLength));
