import { and, eq, sql } from "drizzle-orm";
import type { Session } from "../auth/sessions.queries";
import { type Db, runSteps } from "../db/client";
import { comments, reactions, type ReactionValue } from "../db/schema";
import { ApiError } from "../lib/errors";
import { readForWrite, refuseBanned } from "./access";
import { milestoneNotice } from "../notifications/notices.queries";

const mine = (commentId: string, userId: string, value: ReactionValue) =>
  sql`(select count(*) from ${reactions} where ${reactions.commentId} = ${commentId} and ${reactions.userId} = ${userId} and ${reactions.value} = ${value})`;

/**
 * Sets (or clears, with null) the caller's one reaction to a comment. The batch takes the old
 * reaction out of the counters, writes the new one and adds it back, all in one transaction,
 * so counts stay exact however many readers react at once. Two D1 calls: what it reads first
 * (the comment, the reader's ban), then that batch.
 */
export async function setReaction(db: Db, commentId: string, session: Session, value: ReactionValue | null, now = Date.now()) {
  const { comment, writer } = await readForWrite(db, commentId, session, {});
  if (comment.status !== "published") throw new ApiError("comment_not_found", "No such comment");
  if (comment.authorId === session.user.id) throw new ApiError("own_comment", "You cannot react to your own comment");
  refuseBanned(writer, now);
  const userId = session.user.id;
  const live = sql`exists (select 1 from ${comments} where ${comments.id} = ${commentId} and ${comments.deleted} = 0)`;
  const { counts } = await runSteps(db, {
    withdraw: db
      .update(comments)
      .set({ likes: sql`${comments.likes} - ${mine(commentId, userId, "like")}`, dislikes: sql`${comments.dislikes} - ${mine(commentId, userId, "dislike")}` })
      .where(eq(comments.id, commentId)),
    reaction:
      value === null
        ? db.delete(reactions).where(and(eq(reactions.commentId, commentId), eq(reactions.userId, userId)))
        : db.run(sql`
          insert into ${reactions} (comment_id, user_id, value, created_at)
          select ${commentId}, ${userId}, ${value}, ${now} where ${live}
          on conflict (comment_id, user_id) do update set value = excluded.value, created_at = excluded.created_at`),
    add: db
      .update(comments)
      .set({ likes: sql`${comments.likes} + ${mine(commentId, userId, "like")}`, dislikes: sql`${comments.dislikes} + ${mine(commentId, userId, "dislike")}` })
      .where(eq(comments.id, commentId)),
    // A like that brings the count to 10, 50, 100… tells the author, once per milestone.
    milestone: value === "like" ? [milestoneNotice(db, commentId, now)] : [],
    counts: db.select({ likes: comments.likes, dislikes: comments.dislikes }).from(comments).where(eq(comments.id, commentId)),
  });
  const [after] = counts;
  if (!after) throw new ApiError("comment_not_found", "No such comment");
  return { value, likes: after.likes, dislikes: after.dislikes };
}
