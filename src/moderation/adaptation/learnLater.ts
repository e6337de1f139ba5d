import type { Context } from "hono";
import type { Comment } from "../../db/schema";
import type { AppEnv } from "../../env";
import { cachedSite } from "../../sites/siteCache";
import { scoredText } from "../moderateComment";
import { findSite } from "../../sites/sites.queries";
import { type Decision, learnFromDecisions } from "./learnFromDecisions";

/**
 * The label a moderator's decision gives a comment the pipeline scored: reject (of a held or
 * a published comment) says abusive; approve and restore say not. None for an unscored one.
 */
export function decisionLabel(comment: Comment, action: "approve" | "reject" | "restore", now = Date.now()): Decision | undefined {
  const body = scoredText(comment);
  if (comment.toxicity === null || body === null) return undefined;
  return { commentId: comment.id, body, score: comment.toxicity, abusive: action === "reject", decidedAt: comment.reviewedAt ?? now };
}

/**
 * Learns decisions after the response (`waitUntil`), one update per site however many
 * comments a bulk decision touched. A failure is logged: the decisions themselves stand.
 */
export function learnLater(c: Context<AppEnv>, decisions: { siteId: string; decision: Decision }[]): void {
  const bySite = new Map<string, Decision[]>();
  for (const { siteId, decision } of decisions) bySite.set(siteId, [...(bySite.get(siteId) ?? []), decision]);
  const db = c.get("db");
  for (const [siteId, list] of bySite) {
    const work = cachedSite(siteId, () => findSite(db, siteId)).then((site) =>
      site ? learnFromDecisions(db, siteId, site.settings.targetPrecision, list) : undefined,
    );
    c.executionCtx.waitUntil(work.catch((error) => console.error("adaptation update failed:", error instanceof Error ? error.message : String(error))));
  }
}
