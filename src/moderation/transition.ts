import { and, eq, sql } from "drizzle-orm";
import { runBatch, type BatchStatement, type Db } from "../db/client";
import { comments, type Comment } from "../db/schema";
import { bumpArticleCount, bumpReplyCount, findComment } from "../comments/comments.queries";
import { ApiError } from "../lib/errors";
import { auditStatements, type AuditEntry } from "./audit";
import { queueMove, queueOf } from "./queueCounts";

type Changeable = Pick<Comment, "status" | "body" | "editedAt" | "reasons" | "toxicity" | "bodyHash" | "reportedAt" | "reviewedAt" | "reviewedBy">;

export interface Transition {
  before: Comment;
  set: Partial<Changeable>;
  audit?: Omit<AuditEntry, "siteId" | "commentId" | "userId" | "statusBefore" | "statusAfter">;
}

const isCounted = (c: Pick<Comment, "status" | "deleted">) => c.status === "published" && !c.deleted;

/**
 * Moves a comment from the state it was read in to a new one, with every counter that depends
 * on it (article count, parent's reply count, queue sizes) and an audit entry, in one batch.
 * Everything applies only to the version that was read, so of two moderators acting at once
 * exactly one wins and nothing is counted twice.
 */
export async function applyTransition(db: Db, t: Transition): Promise<Comment> {
  const { before } = t;
  const after: Comment = { ...before, ...t.set, version: before.version + 1 };
  // Every dependent write is guarded on the comment still being at the version that was read,
  // and runs before the update: the batch is atomic, so either all of it applies or none.
  const unchanged = sql`exists (select 1 from ${comments} where ${comments.id} = ${before.id} and ${comments.version} = ${before.version} and ${comments.deleted} = 0)`;
  const countDelta = Number(isCounted(after)) - Number(isCounted(before));
  const statements: BatchStatement[] = [];
  if (countDelta !== 0) {
    statements.push(bumpArticleCount(db, before.siteId, before.articleId, countDelta, unchanged));
    if (before.parentId) statements.push(bumpReplyCount(db, before.parentId, countDelta, unchanged));
  }
  statements.push(...queueMove(db, before.siteId, queueOf(before), queueOf(after), unchanged));
  if (t.audit) {
    statements.push(...auditStatements(db, {
      ...t.audit, siteId: before.siteId, commentId: before.id, userId: before.authorId, statusBefore: before.status, statusAfter: after.status,
    }, unchanged));
  }
  const updateAt = statements.push(
    db.update(comments)
      .set({ ...t.set, version: sql`${comments.version} + 1` })
      .where(and(eq(comments.id, before.id), eq(comments.version, before.version), eq(comments.deleted, false))),
  ) - 1;
  const results = await runBatch(db, statements);
  if ((results[updateAt] as D1Result).meta.changes === 0) throw await conflict(db, before.id);
  return after;
}

/** The 409 for an action that lost a race, carrying the state that won. */
export async function conflict(db: Db, id: string): Promise<ApiError> {
  const current = await findComment(db, id);
  if (!current || current.deleted) return new ApiError("comment_not_found", "The comment was deleted meanwhile");
  return new ApiError("state_changed", "Someone else changed this comment first", {
    current: { id: current.id, status: current.status, version: current.version, reported: current.reportedAt !== null, reviewedBy: current.reviewedBy },
  });
}
