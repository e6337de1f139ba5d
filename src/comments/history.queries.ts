import { and, desc, eq, lt, or } from "drizzle-orm";
import { runSteps, type Db } from "../db/client";
import { articles, comments, users } from "../db/schema";

/**
 * One page of an author's public comment history on a site (댓글 이력): the author with their
 * denormalised counters, and their published, live comments newest first (keyset after
 * `before`) with each comment's article. One round trip; O(page) rows through
 * `comments_author_history_idx`.
 */
export async function historyPage(db: Db, siteId: string, userId: string, limit: number, before?: { at: number; id: string }) {
  const after = before ? or(lt(comments.createdAt, before.at), and(eq(comments.createdAt, before.at), lt(comments.id, before.id))) : undefined;
  const { author, rows } = await runSteps(db, {
    author: db
      .select({
        id: users.id,
        displayName: users.displayName,
        avatarUrl: users.avatarUrl,
        badges: users.badges,
        grantedBadges: users.grantedBadges,
        publishedCount: users.publishedCount,
        likesReceived: users.likesReceived,
        createdAt: users.createdAt,
      })
      .from(users)
      .where(and(eq(users.id, userId), eq(users.siteId, siteId))),
    rows: db
      .select({ comment: comments, title: articles.title, url: articles.url })
      .from(comments)
      .leftJoin(articles, and(eq(articles.siteId, comments.siteId), eq(articles.id, comments.articleId)))
      .where(and(eq(comments.authorId, userId), eq(comments.siteId, siteId), eq(comments.status, "published"), eq(comments.deleted, false), after))
      .orderBy(desc(comments.createdAt), desc(comments.id))
      .limit(limit + 1),
  });
  return { author: author[0], rows };
}
