import { and, eq, sql } from "drizzle-orm";
import type { Session } from "../auth/sessions.queries";
import { type Db, runSteps } from "../db/client";
import { comments, folds } from "../db/schema";
import { ApiError } from "../lib/errors";
import { readForWrite, refuseBanned } from "./access";

/**
 * Folds (댓글 접기) or unfolds a published comment for the signed-in reader; both are
 * idempotent. The comment's `fold_count` follows the `folds` rows through triggers (migration
 * 0009), so it stays exact however many readers fold at once; from the site's `foldThreshold`
 * the comment is shown folded to everyone, without entering any moderation queue. Two D1 calls:
 * the comment with the reader's ban, then the write.
 */
export async function setFold(db: Db, commentId: string, session: Session, folded: boolean, now = Date.now()) {
  const { comment, writer } = await readForWrite(db, commentId, session, {});
  if (comment.status !== "published") throw new ApiError("comment_not_found", "No such comment");
  refuseBanned(writer, now);
  const userId = session.user.id;
  const live = sql`exists (select 1 from ${comments} where ${comments.id} = ${commentId} and ${comments.deleted} = 0)`;
  await runSteps(db, {
    fold: folded
      ? db.run(sql`insert into ${folds} (comment_id, user_id, created_at) select ${commentId}, ${userId}, ${now} where ${live} on conflict do nothing`)
      : db.delete(folds).where(and(eq(folds.commentId, commentId), eq(folds.userId, userId))),
  });
  return { folded };
}
