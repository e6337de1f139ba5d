import { and, eq, sql } from "drizzle-orm";
import type { Session } from "../auth/sessions.queries";
import { type Db, runSteps } from "../db/client";
import { comments, reports, type ReportReason } from "../db/schema";
import { ApiError } from "../lib/errors";
import { newId } from "../lib/ids";
import { assertNotBanned } from "../moderation/bans";
import { applyReportThresholds } from "../moderation/reportThresholds";
import type { SiteSettings } from "../sites/settings";
import { loadCommentFor } from "./access";

/**
 * Files the caller's report on a comment (one per reader per comment) and counts it on the
 * comment; the moderation queue reads both.
 */
export async function reportComment(
  db: Db,
  commentId: string,
  session: Session,
  settings: SiteSettings,
  reason: ReportReason,
  note: string | undefined,
  now = Date.now(),
) {
  const comment = await loadCommentFor(db, commentId, session);
  await assertNotBanned(db, comment.siteId, session.user.id, now);
  if (comment.authorId === session.user.id) throw new ApiError("own_comment", "You cannot report your own comment");
  const report = { id: newId(now), siteId: comment.siteId, commentId, userId: session.user.id, reason, note: note || null, createdAt: now };
  const filed = sql`exists (select 1 from ${reports} where ${reports.id} = ${report.id})`;
  const { inserted } = await runSteps(db, {
    inserted: db.insert(reports).values(report).onConflictDoNothing(),
    counted: db
      .update(comments)
      .set({ reportCount: sql`${comments.reportCount} + 1` })
      .where(and(eq(comments.id, commentId), filed)),
  });
  if (inserted.meta.changes === 0) throw new ApiError("already_reported", "You have already reported this comment");
  const queued = await applyReportThresholds(db, commentId, settings, now);
  return { report, queued };
}
