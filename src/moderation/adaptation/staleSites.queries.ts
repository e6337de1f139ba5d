import { eq, sql } from "drizzle-orm";
import type { Db } from "../../db/client";
import { siteAdaptations, sites } from "../../db/schema";
import { FINGERPRINT_AT, fingerprintTail } from "./siteScoring";

/**
 * Sites whose adaptation was learnt over another base model than the one in use, with their
 * settings: at most `limit`. Reads every adaptation row: for the daily job, not for a request.
 */
export function staleSitesStatement(db: Db, limit: number) {
  return db
    .select({ siteId: siteAdaptations.siteId, settings: sites.settings })
    .from(siteAdaptations)
    .innerJoin(sites, eq(sites.id, siteAdaptations.siteId))
    .where(sql`substr(${siteAdaptations.weights}, ${FINGERPRINT_AT}, 4) is not ${fingerprintTail()}`)
    .limit(limit);
}
