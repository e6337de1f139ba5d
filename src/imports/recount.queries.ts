import { and, eq, sql } from "drizzle-orm";
import type { Db } from "../db/client";
import { articles, comments } from "../db/schema";

/** Sets an article's published count from its rows (after an import wrote or removed some). */
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
