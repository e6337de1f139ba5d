import { and, eq, sql } from "drizzle-orm";
import type { Session } from "../auth/sessions.queries";
import { type Db, runSteps } from "../db/client";
import { comments, reactions, type ReactionValue } from "../db/schema";
import { ApiError } from "../lib/errors";
import { readForWrite, refuseBanned } from "./access";
import { milestoneNotice } from "../notifications/notices.queries";
import { countsAndSortKeys } from "./sortKeys";

const mine = (commentId: string, userId: string, value: ReactionValue) =>
  sql`(select count(*) from ${reactions} where ${reactions.commentId} = ${commentId} and ${reactions.userId} = ${userId} and ${reactions.value} = ${value})`;

/**
 * The comment's counts once the caller's reaction is `value`, read before the reaction row
 * changes: its old reaction out, the new one in — or the old one kept on a comment deleted
 * meanwhile, where the reaction's insert below writes nothing.
 */
function countsAfter(commentId: string, userId: string, value: ReactionValue | null) {
  const next = (v: ReactionValue) =>
    value === null ? sql`0` : sql`case when c.deleted = 0 then ${value === v ? 1 : 0} else ${mine(commentId, userId, v)} end`;
  return sql`select c.likes - ${mine(commentId, userId, "like")} + ${next("like")} as likes,
      c.dislikes - ${mine(commentId, userId, "dislike")} + ${next("dislike")} as dislikes
    from ${comments} as c where c.id = ${commentId}`;
}

/**
 * Sets (or clears, with null) the caller's one reaction to a comment. One batch, one
 * transaction: the comment's counts and sort keys written once (`countsAndSortKeys`, with the
 * site's `ratioMinReactions`), then the reaction row, so counts stay exact however many readers
 * react at once. Two D1 calls: what it reads first (the comment, the reader's ban), then that batch.
 */
export async function setReaction(db: Db, commentId: string, session: Session, value: ReactionValue | null, ratioMinReactions: number, now = Date.now()) {
  const { comment, writer } = await readForWrite(db, commentId, session, {});
  if (comment.status !== "published") throw new ApiError("comment_not_found", "No such comment");
  if (comment.authorId === session.user.id) throw new ApiError("own_comment", "You cannot react to your own comment");
  refuseBanned(writer, now);
  const userId = session.user.id;
  const live = sql`exists (select 1 from ${comments} where ${comments.id} = ${commentId} and ${comments.deleted} = 0)`;
  const { counts } = await runSteps(db, {
    count: db.run(sql`update ${comments} set ${countsAndSortKeys(sql`n.likes`, sql`n.dislikes`, ratioMinReactions)}
      from (${countsAfter(commentId, userId, value)}) as n where ${comments.id} = ${commentId}`),
    reaction:
      value === null
        ? db.delete(reactions).where(and(eq(reactions.commentId, commentId), eq(reactions.userId, userId)))
        : db.run(sql`
          insert into ${reactions} (comment_id, user_id, value, created_at)
          select ${commentId}, ${userId}, ${value}, ${now} where ${live}
          on conflict (comment_id, user_id) do update set value = excluded.value, created_at = excluded.created_at`),
    // A like that brings the count to 10, 50, 100… tells the author, once per milestone.
    milestone: value === "like" ? [milestoneNotice(db, commentId, now)] : [],
    counts: db.select({ likes: comments.likes, dislikes: comments.dislikes }).from(comments).where(eq(comments.id, commentId)),
  });
  const [after] = counts;
  if (!after) throw new ApiError("comment_not_found", "No such comment");
  return { value, likes: after.likes, dislikes: after.dislikes };
}
