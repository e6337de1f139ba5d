import type { SQL } from "drizzle-orm";
import type { Db } from "../db/client";
import type { Comment } from "../db/schema";
import { ApiError } from "../lib/errors";
import type { SiteSettings } from "../sites/settings";
import { findComment } from "../db/commentRecords.queries";
import { applyTransition, transitionSteps, type Transition } from "./transition";

/**
 * After a report: at the site's report threshold a comment enters the reported queue; at the
 * auto-hide threshold a published one is also hidden (pending) until a moderator decides.
 * Another request may move the comment first; then the decision is re-made on what it wrote.
 */
export async function applyReportThresholds(
  db: Db,
  commentId: string,
  settings: SiteSettings,
  now = Date.now(),
  /** The comment as the report's own batch read it back, which saves the first read. */
  current?: Comment,
): Promise<"auto_report" | "auto_hide" | undefined> {
  for (let attempt = 0; attempt < 3; attempt++) {
    const comment = attempt === 0 && current ? current : await findComment(db, commentId);
    const transition = comment && thresholdTransition(comment, settings, now);
    if (!transition) return undefined;
    try {
      await applyTransition(db, transition);
      return transition.action;
    } catch (error) {
      if (!(error instanceof ApiError) || error.code !== "state_changed") throw error;
    }
  }
  return undefined;
}

/**
 * The report thresholds' transition for a comment as it will be once one more report is
 * counted, as steps for the report's own batch (so crossing a threshold costs no extra call),
 * or undefined when the report crosses none. Guarded on the version read: if anything moved the
 * comment meanwhile it writes nothing, and `applyReportThresholds` decides again afterwards.
 */
export function thresholdSteps(db: Db, read: Comment, settings: SiteSettings, now: number, filed: SQL) {
  const transition = thresholdTransition({ ...read, reportCount: read.reportCount + 1 }, settings, now);
  return transition && { action: transition.action, ...transitionSteps(db, transition, filed) };
}

/** The move the thresholds call for on a comment with its reports counted, audited; none for a deleted or rejected one. */
function thresholdTransition(c: Comment, settings: SiteSettings, now: number): (Transition & { action: "auto_report" | "auto_hide" }) | undefined {
  if (c.deleted || c.status === "rejected") return undefined;
  const change = thresholdChange(c, settings, now);
  if (!change) return undefined;
  const audit = { actorType: "system" as const, action: change.action, reason: `${c.reportCount} report(s)`, createdAt: now };
  return { action: change.action, before: c, set: change.set, audit };
}

function thresholdChange(c: Comment, settings: SiteSettings, now: number): { action: "auto_report" | "auto_hide"; set: Partial<Comment> } | undefined {
  const hide = c.status === "published" && c.reportCount >= settings.autoHideThreshold;
  const queue = c.reportedAt === null && c.reportCount >= settings.reportThreshold;
  if (!hide && !queue) return undefined;
  return {
    action: hide ? "auto_hide" : "auto_report",
    set: { reportedAt: c.reportedAt ?? now, ...(hide ? { status: "pending" as const } : {}) },
  };
}
