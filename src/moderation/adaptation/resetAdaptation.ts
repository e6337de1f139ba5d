import { runSteps, type Db } from "../../db/client";
import { auditStatement } from "../audit.queries";
import type { Actor } from "../types";
import { resetStatements } from "./adaptation.queries";
import { rememberScoring } from "./siteScoring";

/**
 * Forgets what a site learnt from its moderators (weights, labels, calibrated threshold): its
 * comments are scored by the shared model again. Audited (`adaptation_reset`); other isolates
 * follow within `SCORING_CACHE_MS`.
 */
export async function resetAdaptation(db: Db, actor: Actor, siteId: string, now = Date.now()): Promise<void> {
  await runSteps(db, {
    reset: resetStatements(db, siteId),
    audit: auditStatement(db, { siteId, actorType: actor.type, actorId: actor.id, action: "adaptation_reset", createdAt: now }),
  });
  rememberScoring(siteId, { version: 0, model: null, calibratedThreshold: null }, now);
}
