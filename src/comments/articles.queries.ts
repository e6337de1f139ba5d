import { and, eq, inArray, sql } from "drizzle-orm";
import { selectInChunks, type Db } from "../db/client";
import { articles, comments, type Article } from "../db/schema";

export interface ArticleMeta {
  url?: string;
  title?: string;
}

/** The article as a statement, for a batch (at most one row). */
export function articleStatement(db: Db, siteId: string, articleId: string) {
  return db
    .select()
    .from(articles)
    .where(and(eq(articles.siteId, siteId), eq(articles.id, articleId)))
    .limit(1);
}

/** The article of a comment, as a statement for the batch that reads the comment too (at most one row). */
export function articleOfCommentStatement(db: Db, siteId: string, commentId: string) {
  return db
    .select()
    .from(articles)
    .where(and(eq(articles.siteId, siteId), eq(articles.id, sql`(select ${comments.articleId} from ${comments} where ${comments.id} = ${commentId})`)))
    .limit(1);
}

export async function findArticle(db: Db, siteId: string, articleId: string): Promise<Article | undefined> {
  return (await articleStatement(db, siteId, articleId))[0];
}

/** Creates the article on first use; fills url/title the first time they are known. */
export function ensureArticle(db: Db, siteId: string, articleId: string, meta: ArticleMeta, now = Date.now()) {
  return db
    .insert(articles)
    .values({ siteId, id: articleId, url: meta.url ?? null, title: meta.title ?? null, createdAt: now })
    .onConflictDoUpdate({
      target: [articles.siteId, articles.id],
      set: { url: sql`coalesce(${articles.url}, excluded.url)`, title: sql`coalesce(${articles.title}, excluded.title)` },
    });
}

/** Opens/closes an article or sets its own pre-moderation mode, creating its row if needed. */
export async function setArticleState(
  db: Db,
  siteId: string,
  articleId: string,
  state: Partial<Pick<Article, "open" | "premoderation">>,
  now = Date.now(),
): Promise<Article> {
  const row = await db
    .insert(articles)
    .values({ siteId, id: articleId, ...state, createdAt: now })
    .onConflictDoUpdate({ target: [articles.siteId, articles.id], set: state })
    .returning()
    .get();
  return row!;
}

/** Published-comment counts of several articles: one primary-key lookup each. */
export async function articleCounts(db: Db, siteId: string, articleIds: string[]): Promise<Map<string, number>> {
  const rows = await selectInChunks(db, articleIds, (part) =>
    db
      .select({ id: articles.id, commentCount: articles.commentCount })
      .from(articles)
      .where(and(eq(articles.siteId, siteId), inArray(articles.id, part))),
  );
  return new Map(rows.map((r) => [r.id, r.commentCount]));
}
