import { sql, type SQL } from "drizzle-orm";
import type { BatchStatement, Db } from "../db/client";
import { comments, notifications, type Comment } from "../db/schema";
import { newId } from "../lib/ids";
import { LIKE_MILESTONES } from "./milestones";

/**
 * The statements that create notifications, each a guarded insert for the batch of the write
 * that causes it: no round trip of their own, and nothing written when the write is refused.
 */

/**
 * Tells the author of the comment `repliedTo` (by default the thread's top-level comment) that
 * `reply` answered it, when `guard` holds (the reply went in published). Never the replier
 * themselves, never twice for one reply and reader (a reply approved after being held, hidden by
 * reports and approved again).
 */
export function replyNotice(
  db: Db,
  reply: Pick<Comment, "id" | "parentId" | "authorId" | "articleId">,
  guard: SQL,
  now: number,
  repliedTo: string | null = reply.parentId,
): BatchStatement[] {
  if (!repliedTo) return [];
  return [
    db.run(sql`
      insert into ${notifications} (id, site_id, user_id, type, comment_id, article_id, actor_id, created_at)
      select ${newId(now)}, p.site_id, p.author_id, 'reply', ${reply.id}, ${reply.articleId}, ${reply.authorId}, ${now}
      from ${comments} as p
      where p.id = ${repliedTo} and p.deleted = 0 and p.author_id <> ${reply.authorId} and ${guard}
        and not exists (select 1 from ${notifications} as n where n.comment_id = ${reply.id} and n.type = 'reply' and n.user_id = p.author_id)`),
  ];
}

/** Tells an author a moderator approved or rejected their comment (with the reason), when `guard` holds. */
export function decisionNotice(
  db: Db,
  comment: Pick<Comment, "id" | "siteId" | "authorId" | "articleId">,
  type: "approved" | "rejected",
  reason: string | null,
  guard: SQL,
  now: number,
): BatchStatement {
  return db.run(sql`
    insert into ${notifications} (id, site_id, user_id, type, comment_id, article_id, reason, created_at)
    select ${newId(now)}, ${comment.siteId}, ${comment.authorId}, ${type}, ${comment.id}, ${comment.articleId}, ${reason}, ${now}
    where ${guard}`);
}

/**
 * Tells an author their comment reached a 공감 milestone, read after the batch's own counter
 * update: the count now is exactly a milestone. The unique (comment, milestone) index makes it
 * once per milestone, however often a like is taken back and given again.
 */
export function milestoneNotice(db: Db, commentId: string, now: number): BatchStatement {
  return db.run(sql`
    insert into ${notifications} (id, site_id, user_id, type, comment_id, article_id, milestone, created_at)
    select ${newId(now)}, c.site_id, c.author_id, 'reactions', c.id, c.article_id, c.likes, ${now}
    from ${comments} as c
    where c.id = ${commentId} and c.status = 'published' and c.deleted = 0 and c.likes in (${sql.join(
      LIKE_MILESTONES.map((m) => sql.raw(String(m))),
      sql`, `,
    )})
    on conflict do nothing`);
}
