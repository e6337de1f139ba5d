import { and, eq, sql } from "drizzle-orm";
import type { Session } from "../auth/sessions.queries";
import { type Db, runSteps } from "../db/client";
import { comments, reports, type ReportReason } from "../db/schema";
import { ApiError } from "../lib/errors";
import { newId } from "../lib/ids";
import { applyReportThresholds, thresholdSteps } from "../moderation/reportThresholds";
import type { SiteSettings } from "../sites/settings";
import { readForWrite, refuseBanned } from "./access";

/**
 * Files the caller's report on a comment (one per reader per comment) and counts it on the
 * comment; the moderation queue reads both. A report that crosses the site's report or
 * auto-hide threshold moves the comment in the same batch. Two D1 calls: what it reads first,
 * then the write (more only when another change raced it).
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
  const { comment, writer } = await readForWrite(db, commentId, session, {});
  refuseBanned(writer, now);
  if (comment.authorId === session.user.id) throw new ApiError("own_comment", "You cannot report your own comment");
  const report = { id: newId(now), siteId: comment.siteId, commentId, userId: session.user.id, reason, note: note || null, createdAt: now };
  const filed = sql`exists (select 1 from ${reports} where ${reports.id} = ${report.id})`;
  const threshold = thresholdSteps(db, comment, settings, now, filed);
  const { inserted, after, ...written } = await runSteps(db, {
    inserted: db.insert(reports).values(report).onConflictDoNothing(),
    counted: db
      .update(comments)
      .set({ reportCount: sql`${comments.reportCount} + 1` })
      .where(and(eq(comments.id, commentId), filed)),
    ...(threshold?.steps ?? { update: [] }),
    after: db.select().from(comments).where(eq(comments.id, commentId)).limit(1),
  });
  if (inserted.meta.changes === 0) throw new ApiError("already_reported", "You have already reported this comment");
  const crossed = threshold && (written.update as D1Result).meta.changes > 0;
  // Another change came first (a concurrent report or decision): decide again on what is there now.
  const queued = crossed ? threshold.action : await applyReportThresholds(db, commentId, settings, now, after[0]);
  return { report, queued };
}
