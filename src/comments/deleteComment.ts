import { and, eq, sql } from "drizzle-orm";
import type { Session } from "../auth/sessions.queries";
import { runSteps, type BatchStatement, type Db } from "../db/client";
import { comments, idempotencyKeys, moderationActions, notifications, reactions, reports, type Comment } from "../db/schema";
import { ApiError } from "../lib/errors";
import { readForWrite } from "./access";
import { auditStatement } from "../moderation/audit.queries";
import { queueMove } from "../moderation/queueCounts.queries";
import { queueOf } from "../moderation/queueOf";
import { bumpArticleCount, bumpReplyCount, guards } from "../db/commentRecords.queries";

const hasReplies = (id: string) => sql`exists (select 1 from ${comments} as r where r.parent_id = ${id})`;
const gone = (id: string) => sql`not exists (select 1 from ${comments} where ${comments.id} = ${id})`;

/**
 * Deletes a comment for good. Its text is erased from D1: a comment with replies stays as a
 * placeholder (body NULL) so the thread keeps its shape, one without replies is removed with
 * its reactions and reports, and a placeholder parent left with no replies goes too. Every
 * step is guarded on the state it expects, so concurrent deletes count once.
 */
export async function deleteComment(db: Db, id: string, session: Session): Promise<{ comment: Comment; byModerator: boolean }> {
  const { comment, writer } = await readForWrite(db, id, session, {});
  const byModerator = comment.authorId !== session.user.id;
  if (byModerator && !writer.session.moderates) {
    throw new ApiError("forbidden", "You can only delete your own comments");
  }
  if (!erased(await runSteps(db, { ...deletionSteps(db, comment, byModerator ? session.user.id : null) }))) {
    throw new ApiError("comment_not_found", "No such comment");
  }
  return { comment, byModerator };
}

/** The steps that delete one comment, in batch order; `placeholder` and `removal` tell whether it went. */
export interface DeletionSteps {
  counters: BatchStatement[];
  placeholder: BatchStatement;
  removal: BatchStatement;
  leftovers: BatchStatement[];
}

/** Whether a deletion's batch erased the comment (as a placeholder, or outright). */
export const erased = (results: { placeholder: unknown; removal: unknown }) =>
  (results.placeholder as D1Result).meta.changes + (results.removal as D1Result).meta.changes > 0;

/**
 * The steps that delete `comment` as it was read: counters, queue, audit (when a moderator
 * deletes someone else's), the row itself and what hangs on it. Every one is guarded on the
 * state it expects, so they may run in one batch after other deletions (an account's comments,
 * a reply after its parent) and still count each change once.
 */
export function deletionSteps(db: Db, comment: Comment, moderatorId: string | null): DeletionSteps {
  const id = comment.id;
  const live = sql`exists (select 1 from ${comments} where ${comments.id} = ${id} and ${comments.deleted} = 0)`;
  const counters: BatchStatement[] = [
    bumpArticleCount(db, comment.siteId, comment.articleId, -1, guards.counted(id)),
    ...(comment.parentId ? [bumpReplyCount(db, comment.parentId, -1, guards.counted(id))] : []),
    ...queueMove(db, comment.siteId, queueOf(comment), null, live),
  ];
  if (moderatorId !== null) {
    counters.push(
      auditStatement(
        db,
        {
          siteId: comment.siteId,
          commentId: id,
          userId: comment.authorId,
          actorType: "moderator",
          actorId: moderatorId,
          action: "delete",
          statusBefore: comment.status,
          statusAfter: "deleted",
        },
        live,
      ),
    );
  }
  const leftovers = [...removeLeftovers(db, id), ...eraseTraces(db, comment)];
  if (comment.parentId) {
    // A deleted parent kept only for this reply's sake has nothing left to hold together.
    const parentId = comment.parentId;
    leftovers.push(
      db.delete(comments).where(and(eq(comments.id, parentId), eq(comments.deleted, true), sql`not ${hasReplies(parentId)}`)),
      ...removeLeftovers(db, parentId),
    );
  }
  return {
    counters,
    placeholder: db
      .update(comments)
      // Nothing derived from the text stays: its hash, the checks' findings (a banned word they
      // quote), the classifier's score, and the reports about it.
      .set({ body: null, publicBody: null, deleted: true, editedAt: null, bodyHash: null, reasons: [], toxicity: null, reportCount: 0, reportedAt: null })
      .where(and(eq(comments.id, id), eq(comments.deleted, false), hasReplies(id))),
    removal: db.delete(comments).where(and(eq(comments.id, id), eq(comments.deleted, false), sql`not ${hasReplies(id)}`)),
    leftovers,
  };
}

/**
 * What else remembers the text of a comment that is no longer live (placeholder or gone): the
 * reports about it (their notes may quote it), the classifier's score and the automatic
 * findings in its audit entries, the notifications about it, and the idempotency key whose request hash is an unsalted
 * hash of the body. The audit entries themselves stay (who decided what, when).
 */
function eraseTraces(db: Db, comment: Comment): BatchStatement[] {
  const erased = sql`not exists (select 1 from ${comments} where ${comments.id} = ${comment.id} and ${comments.deleted} = 0)`;
  return [
    db.delete(reports).where(and(eq(reports.commentId, comment.id), erased)),
    db
      .update(moderationActions)
      .set({ details: null, reason: sql`case when ${moderationActions.actorType} = 'system' then null else ${moderationActions.reason} end` })
      .where(and(eq(moderationActions.commentId, comment.id), erased)),
    db.delete(idempotencyKeys).where(and(eq(idempotencyKeys.userId, comment.authorId), eq(idempotencyKeys.commentId, comment.id), erased)),
    // Notifications about it (a reply, a decision, a milestone) point at nothing any more.
    db.delete(notifications).where(and(eq(notifications.commentId, comment.id), erased)),
  ];
}

/** Reactions and reports of a comment whose row is gone. */
function removeLeftovers(db: Db, id: string): BatchStatement[] {
  return [db.delete(reactions).where(and(eq(reactions.commentId, id), gone(id))), db.delete(reports).where(and(eq(reports.commentId, id), gone(id)))];
}
