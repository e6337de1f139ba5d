import type { z } from "@hono/zod-openapi";
import { eq, sql } from "drizzle-orm";
import { runSteps, type Db } from "../../db/client";
import { siteAdaptations } from "../../db/schema";
import { iso } from "../../lib/iso";
import type { SiteSettings } from "../../sites/settings";
import { recentLabelsStatement, unreviewedStatement } from "./adaptation.queries";
import type { adaptationSchema } from "./adaptation.schemas";
import { estimateAt, hasEnoughLabels, MIN_LABELS, MIN_PER_CLASS } from "./calibration";
import { holdThreshold } from "./holdThreshold";
import { modelFingerprint } from "./modelFingerprint";
import { FINGERPRINT_AT, fingerprintOf } from "./siteScoring";

/**
 * A site's adaptation as its moderators see it: labels collected, the threshold in use and
 * where it comes from, and how holding at it fares on the site's recent comments. One read batch.
 */
export async function adaptationStatus(db: Db, siteId: string, settings: SiteSettings): Promise<z.infer<typeof adaptationSchema>> {
  const { state, labels, unreviewed } = await runSteps(db, {
    state: db
      .select({
        abusive: siteAdaptations.abusiveLabels,
        clean: siteAdaptations.cleanLabels,
        threshold: siteAdaptations.threshold,
        updatedAt: siteAdaptations.updatedAt,
        fingerprint: sql<ArrayBuffer | number[] | null>`substr(${siteAdaptations.weights}, ${FINGERPRINT_AT}, 4)`,
      })
      .from(siteAdaptations)
      .where(eq(siteAdaptations.siteId, siteId)),
    labels: recentLabelsStatement(db, siteId),
    unreviewed: unreviewedStatement(db, siteId),
  });
  // A state learnt over another base model is not in use (`siteScoringFrom`): the site starts again.
  const row = state[0] && fingerprintOf(state[0].fingerprint) === modelFingerprint() ? state[0] : undefined;
  const abusive = row?.abusive ?? 0;
  const clean = row?.clean ?? 0;
  const calibrated = row && hasEnoughLabels(abusive, clean) ? row.threshold : null;
  const threshold = holdThreshold(settings.toxicityThreshold, calibrated);
  const window = [...labels.map((l) => ({ score: l.score, abusive: l.abusive })), ...unreviewed.map((c) => ({ score: c.score ?? 0, abusive: false }))];
  return {
    labels: { abusive, clean, neededTotal: MIN_LABELS, neededPerClass: MIN_PER_CLASS },
    targetPrecision: settings.targetPrecision,
    threshold,
    estimate: estimateAt(window, threshold.value),
    updatedAt: row ? iso(row.updatedAt) : null,
  };
}
