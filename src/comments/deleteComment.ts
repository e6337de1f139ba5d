import { and, eq, sql } from "drizzle-orm";
import type { Session } from "../auth/sessions.queries";
import { runBatch, type BatchStatement, type Db } from "../db/client";
import { comments, reactions, reports, type Comment } from "../db/schema";
import { ApiError } from "../lib/errors";
import { canModerate } from "../moderation/actor";
import { loadCommentFor } from "./access";
import { auditStatement } from "../moderation/audit";
import { queueMove, queueOf } from "../moderation/queueCounts";
import { bumpArticleCount, bumpReplyCount, guards } from "./comments.queries";

const hasReplies = (id: string) => sql`exists (select 1 from ${comments} as r where r.parent_id = ${id})`;
const gone = (id: string) => sql`not exists (select 1 from ${comments} where ${comments.id} = ${id})`;

/**
 * Deletes a comment for good. Its text is erased from D1: a comment with replies stays as a
 * placeholder (body NULL) so the thread keeps its shape, one without replies is removed with
 * its reactions and reports, and a placeholder parent left with no replies goes too. Every
 * step is guarded on the state it expects, so concurrent deletes count once.
 */
export async function deleteComment(db: Db, id: string, session: Session): Promise<{ comment: Comment; byModerator: boolean }> {
  const comment = await loadCommentFor(db, id, session);
  if (comment.authorId !== session.user.id && !(await canModerate(db, session, comment.siteId))) {
    throw new ApiError("forbidden", "You can only delete your own comments");
  }
  const live = sql`exists (select 1 from ${comments} where ${comments.id} = ${id} and ${comments.deleted} = 0)`;
  const statements: BatchStatement[] = [bumpArticleCount(db, comment.siteId, comment.articleId, -1, guards.counted(id))];
  if (comment.parentId) statements.push(bumpReplyCount(db, comment.parentId, -1, guards.counted(id)));
  statements.push(...queueMove(db, comment.siteId, queueOf(comment), null, live));
  if (comment.authorId !== session.user.id) {
    statements.push(auditStatement(db, {
      siteId: comment.siteId, commentId: id, userId: comment.authorId, actorType: "moderator", actorId: session.user.id,
      action: "delete", statusBefore: comment.status, statusAfter: "deleted",
    }, live));
  }
  const placeholderAt = statements.push(
    db.update(comments)
      .set({ body: null, deleted: true, editedAt: null })
      .where(and(eq(comments.id, id), eq(comments.deleted, false), hasReplies(id))),
  ) - 1;
  const removedAt = statements.push(
    db.delete(comments).where(and(eq(comments.id, id), eq(comments.deleted, false), sql`not ${hasReplies(id)}`)),
  ) - 1;
  statements.push(...removeLeftovers(db, id));
  if (comment.parentId) {
    // A deleted parent kept only for this reply's sake has nothing left to hold together.
    const parentId = comment.parentId;
    statements.push(
      db.delete(comments).where(and(eq(comments.id, parentId), eq(comments.deleted, true), sql`not ${hasReplies(parentId)}`)),
      ...removeLeftovers(db, parentId),
    );
  }
  const results = await runBatch(db, statements);
  const changes = (i: number) => (results[i] as D1Result).meta.changes;
  if (changes(placeholderAt) + changes(removedAt) === 0) throw new ApiError("comment_not_found", "No such comment");
  return { comment, byModerator: comment.authorId !== session.user.id };
}

/** Reactions and reports of a comment whose row is gone. */
function removeLeftovers(db: Db, id: string): BatchStatement[] {
  return [
    db.delete(reactions).where(and(eq(reactions.commentId, id), gone(id))),
    db.delete(reports).where(and(eq(reports.commentId, id), gone(id))),
  ];
}
