import { and, eq, sql, type SQL } from "drizzle-orm";
import type { Db } from "./client";
import { articles, comments, type Comment } from "./schema";

/**
 * The comment rows and the counters that follow them, shared by the areas that change a
 * comment's state: comments/ (readers' use cases) and moderation/ (decisions). They sit below
 * both, so moderation/ never imports comments/ (the arrow goes comments → moderation).
 */

export async function findComment(db: Db, id: string): Promise<Comment | undefined> {
  return db.select().from(comments).where(eq(comments.id, id)).get();
}

/** True when the comment row `id` exists: the guard that keeps counters exact in a batch. */
const exists = (id: string) => sql`exists (select 1 from ${comments} where ${comments.id} = ${id})`;
/** True when the comment is live and counted: published and not deleted. */
const counted = (id: string) =>
  sql`exists (select 1 from ${comments} where ${comments.id} = ${id} and ${comments.status} = 'published' and ${comments.deleted} = 0)`;

/** Guards for counter statements in a batch, on the state of one comment row. */
export const guards = { exists, counted };

/** Adds `delta` to the article's published count if `guard` holds (the comment is live and counted). */
export function bumpArticleCount(db: Db, siteId: string, articleId: string, delta: number, guard: SQL) {
  return db
    .update(articles)
    .set({ commentCount: sql`${articles.commentCount} + ${delta}` })
    .where(and(eq(articles.siteId, siteId), eq(articles.id, articleId), guard));
}

/** Adds `delta` to a comment's published-reply count if `guard` holds. */
export function bumpReplyCount(db: Db, parentId: string, delta: number, guard: SQL) {
  return db
    .update(comments)
    .set({ replyCount: sql`${comments.replyCount} + ${delta}` })
    .where(and(eq(comments.id, parentId), guard));
}
