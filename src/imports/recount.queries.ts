import { and, eq, inArray, sql } from "drizzle-orm";
import { inLists, type BatchStatement, type Db } from "../db/client";
import { articles, comments } from "../db/schema";

/** Sets an article's published count from its rows (after a rollback removed some). */
export function recountArticle(db: Db, siteId: string, articleId: string) {
  return db
    .update(articles)
    .set({
      commentCount: sql`(select count(*) from ${comments} where ${comments.siteId} = ${siteId} and ${comments.articleId} = ${articleId} and ${comments.status} = 'published' and ${comments.deleted} = 0)`,
    })
    .where(and(eq(articles.siteId, siteId), eq(articles.id, articleId)));
}

/** Sets a comment's published-reply count from its replies. */
export function recountReplies(db: Db, commentId: string) {
  return db.run(sql`
    update ${comments} set reply_count = (
      select count(*) from ${comments} r where r.parent_id = ${commentId} and r.status = 'published' and r.deleted = 0)
    where ${comments.id} = ${commentId}`);
}

/** How many of `ids` (new comments of this batch) exist, published and live: each counts once, only if written. */
const liveAmong = (ids: string[]) =>
  sql`(select count(*) from ${comments} where ${inArray(comments.id, ids)} and ${comments.status} = 'published' and ${comments.deleted} = 0)`;

/** Adds an import chunk's new published comments to their article's count (O(chunk), not O(article)). */
export function countIntoArticle(db: Db, siteId: string, articleId: string, ids: string[]): BatchStatement[] {
  return inLists(ids, 4).map((part) =>
    db
      .update(articles)
      .set({ commentCount: sql`${articles.commentCount} + ${liveAmong(part)}` })
      .where(and(eq(articles.siteId, siteId), eq(articles.id, articleId))),
  );
}

/** Adds an import chunk's new published replies to their top-level comment's count. */
export function countIntoReplies(db: Db, rootId: string, ids: string[]): BatchStatement[] {
  return inLists(ids, 3).map((part) =>
    db
      .update(comments)
      .set({ replyCount: sql`${comments.replyCount} + ${liveAmong(part)}` })
      .where(eq(comments.id, rootId)),
  );
}
