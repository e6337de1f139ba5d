import { runSteps, type Db } from "../../db/client";
import { auditStatement } from "../audit.queries";
import type { Actor } from "../types";
import { resetStatements } from "./adaptation.queries";
import { forgetScoring } from "./siteScoring";

/**
 * Forgets what a site learnt from its moderators (weights, labels, calibrated threshold): its
 * comments are scored by the shared model again. Audited (`adaptation_reset`); this isolate
 * re-reads the site on its next write, others within their cache's 20 s.
 */
export async function resetAdaptation(db: Db, actor: Actor, siteId: string, now = Date.now()): Promise<void> {
  await runSteps(db, {
    reset: resetStatements(db, siteId, now),
    audit: auditStatement(db, { siteId, actorType: actor.type, actorId: actor.id, action: "adaptation_reset", createdAt: now }),
  });
  forgetScoring(siteId);
}
