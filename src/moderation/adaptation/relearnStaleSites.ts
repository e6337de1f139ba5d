import type { Db } from "../../db/client";
import { siteSettingsSchema } from "../../sites/settings";
import { relearnIfStale } from "./learnFromDecisions";
import { staleSitesStatement } from "./staleSites.queries";

/** Sites relearnt a run: each reads its labels' texts and spends 75–100 ms of CPU. */
const PER_RUN = 20;

/**
 * The daily job's pass over sites whose adaptation was learnt over another base model (a new
 * model was deployed): each is relearnt from its stored labels now, not at its next decision,
 * so its moderators' teaching is back in use within a day. Sites beyond `PER_RUN` wait for the
 * next run (or their next decision). A site that fails is logged and left for later.
 */
export async function relearnStaleSites(db: Db, now = Date.now()): Promise<{ relearnt: number; failed: number }> {
  const stale = await staleSitesStatement(db, PER_RUN);
  let relearnt = 0;
  let failed = 0;
  for (const { siteId, settings } of stale) {
    try {
      if (await relearnIfStale(db, siteId, siteSettingsSchema.parse(settings).targetPrecision, now)) relearnt++;
    } catch (error) {
      failed++;
      console.error(`relearning site ${siteId} failed:`, error instanceof Error ? error.message : String(error));
    }
  }
  return { relearnt, failed };
}
